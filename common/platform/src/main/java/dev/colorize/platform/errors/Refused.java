package dev.colorize.platform.errors;

import java.time.Duration;

/**
 * A request the domain refuses, and why, in the domain's words: services and upload checks throw it without knowing
 * HTTP; the REST edge (common-rest's ApiProblemMapper) answers it as problem details.
 *
 * @see Reason
 */
public class Refused extends RuntimeException {

    /** Why: each is one HTTP status at the edge. */
    public enum Reason {
        /** No such thing for this caller (404). */
        NOT_FOUND,
        /** Not in the state the request needs (409). */
        CONFLICT,
        /** The request's content is wrong (400). */
        INVALID,
        /** A page (or part) of an upload is wrong (400), naming it. */
        UPLOAD_REJECTED,
        /** A limit passed (413). */
        TOO_LARGE,
        /** Well-formed but cannot be done as asked (422). */
        UNPROCESSABLE,
        /** Too many at once: try again once some have finished (429). */
        TOO_MANY,
        /** The service cannot take it now, through no fault of the request (503). */
        UNAVAILABLE,
        /** Content of a kind the service does not take (415). */
        UNSUPPORTED_MEDIA
    }

    private final Reason reason;
    private final String code;
    private final Integer page;
    private final String file;
    private final String field;
    private final Duration retryAfter;

    /**
     * @param code  a stable short name of the problem ({@code page-not-done}, {@code invalid-outputs}, ...)
     * @param page  the refused page of an upload (1-based), or null
     * @param file  the refused part's or archive entry's file name, or null
     * @param field the request's field (form part or JSON member) that was refused, or null
     */
    public Refused(Reason reason, String code, String detail, Integer page, String file, String field) {
        this(reason, code, detail, page, file, field, null);
    }

    /** @param retryAfter when to send it again (the answer's Retry-After), or null */
    public Refused(Reason reason, String code, String detail, Integer page, String file, String field,
            Duration retryAfter) {
        super(detail, null, false, false);
        this.reason = reason;
        this.code = code;
        this.page = page;
        this.file = file;
        this.field = field;
        this.retryAfter = retryAfter;
    }

    public static Refused notFound(String what) {
        return new Refused(Reason.NOT_FOUND, "not-found", what + " does not exist", null, null, null);
    }

    public static Refused conflict(String code, String detail) {
        return new Refused(Reason.CONFLICT, code, detail, null, null, null);
    }

    public static Refused invalid(String code, String detail) {
        return new Refused(Reason.INVALID, code, detail, null, null, null);
    }

    public static Refused unprocessable(String code, String detail) {
        return new Refused(Reason.UNPROCESSABLE, code, detail, null, null, null);
    }

    public static Refused unsupportedMedia(String detail) {
        return new Refused(Reason.UNSUPPORTED_MEDIA, "unsupported-media-type", detail, null, null, null);
    }

    public static Refused tooMany(String code, String detail) {
        return new Refused(Reason.TOO_MANY, code, detail, null, null, null);
    }

    /** The service has no room for it now; {@code file} names the upload, {@code retryAfter} when to try again. */
    public static Refused unavailable(String code, String detail, String file, Duration retryAfter) {
        return new Refused(Reason.UNAVAILABLE, code, detail, null, file, null, retryAfter);
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    public Reason reason() {
        return reason;
    }

    public String code() {
        return code;
    }

    public Integer page() {
        return page;
    }

    public String file() {
        return file;
    }

    public String field() {
        return field;
    }
}
