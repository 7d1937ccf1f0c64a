package dev.colorize.trainer.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;

/**
 * Problem details (RFC 9457).
 *
 * @param type a stable URI naming the kind of problem ({@link #TYPE_BASE} + code)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiProblem(String type, String title, int status, String detail) {

    public static final String TYPE_BASE = "https://colorize.dev/problems/";
    public static final String MEDIA_TYPE = "application/problem+json";

    public ApiProblem {
        type = type.startsWith("https://") ? type : TYPE_BASE + type;
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
