package dev.colorize.rest;

/** Ends a request with a problem-details answer; mapped by {@link ApiProblemMapper}. */
public class ApiProblemException extends RuntimeException {

    private final transient ApiProblem problem;

    public ApiProblemException(ApiProblem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public ApiProblem problem() {
        return problem;
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
}
