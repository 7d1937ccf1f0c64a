package dev.colorize.rest;

import dev.colorize.platform.errors.Refused;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error a service answers is problem details, including the framework's own 4xx. */
public class ApiProblemMapper {

    @ServerExceptionMapper
    public Response problem(ApiProblemException e) {
        return e.toResponse();
    }

    /** The domain's refusals, answered as {@link ApiProblem#of(Refused)} says. */
    @ServerExceptionMapper
    public Response refused(Refused e) {
        return ApiProblem.of(e).toResponse();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        return new ApiProblem("http-" + status.getStatusCode(), status.getReasonPhrase(), status.getStatusCode(),
                e.getMessage()).toResponse();
    }
}
