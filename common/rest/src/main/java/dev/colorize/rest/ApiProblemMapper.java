package dev.colorize.rest;

import dev.colorize.platform.errors.Refused;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error a service answers is problem details, including the framework's own 4xx. */
public class ApiProblemMapper {

    @ServerExceptionMapper
    public Response problem(ApiProblemException e) {
        return e.problem().toResponse();
    }

    /** The domain's refusals, answered as {@link ApiProblem#of(Refused)} says. */
    @ServerExceptionMapper
    public Response refused(Refused e) {
        return response(e);
    }

    /** The answer to a refusal: its problem details, with Retry-After when it says when to try again. */
    public static Response response(Refused e) {
        Response response = ApiProblem.of(e).toResponse();
        return e.retryAfter() == null ? response
                : Response.fromResponse(response).header("Retry-After", e.retryAfter().toSeconds()).build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        return new ApiProblem("http-" + status.getStatusCode(), status.getReasonPhrase(), status.getStatusCode(),
                e.getMessage()).toResponse();
    }
}
