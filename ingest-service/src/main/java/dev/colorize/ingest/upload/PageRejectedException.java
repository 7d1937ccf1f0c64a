package dev.colorize.ingest.upload;

import dev.colorize.rest.ApiProblem;
import dev.colorize.rest.ApiProblemException;

/** Builds the problem answered for a refused upload: 400 for bad content, 413 for a limit passed. */
public final class PageRejectedException {

    private PageRejectedException() {
    }

    public static ApiProblemException invalid(String code, Integer page, String file, String detail) {
        return new ApiProblemException(new ApiProblem(code, "Upload rejected", 400, detail, page, file));
    }

    public static ApiProblemException tooLarge(String code, Integer page, String file, String detail) {
        return tooLarge(code, page, file, null, detail);
    }

    /** A limit passed by one field of the request ({@code field}: its form part or JSON member). */
    public static ApiProblemException tooLarge(String code, Integer page, String file, String field, String detail) {
        return new ApiProblemException(new ApiProblem(code, "Upload too large", 413, detail, page, file, field));
    }
}
