package dev.colorize.ingest.upload;

import dev.colorize.platform.errors.Refused;

/** Builds the refusal of an upload, naming its page and file: bad content, or a limit passed. */
public final class PageRejectedException {

    private PageRejectedException() {
    }

    public static Refused invalid(String code, Integer page, String file, String detail) {
        return new Refused(Refused.Reason.UPLOAD_REJECTED, code, detail, page, file, null);
    }

    public static Refused tooLarge(String code, Integer page, String file, String detail) {
        return tooLarge(code, page, file, null, detail);
    }

    /** A limit passed by one field of the request ({@code field}: its form part or JSON member). */
    public static Refused tooLarge(String code, Integer page, String file, String field, String detail) {
        return new Refused(Refused.Reason.TOO_LARGE, code, detail, page, file, field);
    }
}
