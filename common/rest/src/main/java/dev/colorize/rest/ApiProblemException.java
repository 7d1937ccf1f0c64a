package dev.colorize.rest;

import jakarta.ws.rs.core.Response;
import java.time.Duration;

/** Ends a request with a problem-details answer; mapped by {@link ApiProblemMapper}. */
public class ApiProblemException extends RuntimeException {

    private final transient ApiProblem problem;
    private final Duration retryAfter;

    public ApiProblemException(ApiProblem problem) {
        this(problem, null);
    }

    /** A problem that passes: the answer says when to try again (Retry-After, in seconds). */
    public ApiProblemException(ApiProblem problem, Duration retryAfter) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
        this.retryAfter = retryAfter;
    }

    public ApiProblem problem() {
        return problem;
    }

    public Response toResponse() {
        Response response = problem.toResponse();
        return retryAfter == null ? response
                : Response.fromResponse(response).header("Retry-After", retryAfter.toSeconds()).build();
    }

    public static ApiProblemException notFound(String what) {
        return new ApiProblemException(new ApiProblem("not-found", "Not found", 404, what + " does not exist"));
    }

    public static ApiProblemException forbidden(String detail) {
        return new ApiProblemException(new ApiProblem("forbidden", "Forbidden", 403, detail));
    }

    public static ApiProblemException badRequest(String code, String detail) {
        return new ApiProblemException(new ApiProblem(code, "Bad request", 400, detail));
    }

    public static ApiProblemException conflict(String code, String detail) {
        return new ApiProblemException(new ApiProblem(code, "Conflict", 409, detail));
    }

    public static ApiProblemException unsupportedMedia(String detail) {
        return new ApiProblemException(new ApiProblem("unsupported-media-type", "Unsupported media type", 415, detail));
    }
}
