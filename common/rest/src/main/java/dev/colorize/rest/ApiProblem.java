package dev.colorize.rest;

import dev.colorize.platform.errors.Refused;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;

/**
 * Problem details (RFC 9457). For upload rejections, page and file name which page was refused.
 *
 * @param type   a stable URI naming the kind of problem ({@link #TYPE_BASE} + code)
 * @param page   1-based page number of the refused page, when one page is the reason
 * @param file   the refused part's or archive entry's file name
 * @param field  the request's field (form part or JSON member) that was refused, when one field is the reason
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiProblem(String type, String title, int status, String detail, Integer page, String file, String field) {

    public static final String TYPE_BASE = "https://colorize.dev/problems/";
    public static final String MEDIA_TYPE = "application/problem+json";

    public ApiProblem {
        type = type.startsWith("https://") ? type : TYPE_BASE + type;
    }

    /** A problem about one page (or part) of an upload. */
    public ApiProblem(String type, String title, int status, String detail, Integer page, String file) {
        this(type, title, status, detail, page, file, null);
    }

    /** A problem about the request as a whole, not one page of it. */
    public ApiProblem(String type, String title, int status, String detail) {
        this(type, title, status, detail, null, null, null);
    }

    /** A refusal of the domain: one status and title per reason. */
    public static ApiProblem of(Refused e) {
        return switch (e.reason()) {
            case NOT_FOUND -> of(e, "Not found", 404);
            case CONFLICT -> of(e, "Conflict", 409);
            case INVALID -> of(e, "Bad request", 400);
            case UPLOAD_REJECTED -> of(e, "Upload rejected", 400);
            case TOO_LARGE -> of(e, "Upload too large", 413);
            case UNPROCESSABLE -> of(e, "Unprocessable content", 422);
            case TOO_MANY -> of(e, "Too many requests", 429);
            case UNAVAILABLE -> of(e, "Service unavailable", 503);
            case UNSUPPORTED_MEDIA -> of(e, "Unsupported media type", 415);
        };
    }

    private static ApiProblem of(Refused e, String title, int status) {
        return new ApiProblem(e.code(), title, status, e.getMessage(), e.page(), e.file(), e.field());
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
