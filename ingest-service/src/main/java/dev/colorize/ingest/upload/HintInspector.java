package dev.colorize.ingest.upload;

import dev.colorize.platform.errors.Refused;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colorize.ingest.config.IngestConfig;
import dev.colorize.platform.image.ImageFormat;
import dev.colorize.platform.image.ImageHeader;
import dev.colorize.rest.BoundedBody;
import dev.colorize.platform.hints.ColorHints;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks a page's color hints before anything is stored, each problem a 400 naming the page and the hint file.
 * A hint image is judged as a page is ({@link PageInspector}: header, size, integrity), and must be an RGBA PNG of
 * its page's aspect. Points are a JSON array {@code [{"x":..,"y":..,"color":"#rrggbb"|"name":"..","radius":..}]}
 * (or {@code {"points":[...]}}) in page pixels: inside the page, a color or a palette name but not both, a radius
 * up to max-radius, at most max-points of them.
 */
@ApplicationScoped
public class HintInspector {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> POINT_FIELDS = Set.of("x", "y", "color", "name", "radius");

    private final PageLimits pageLimits;
    private final PageInspector inspector;
    private final IngestConfig.Hints limits;

    public HintInspector(PageLimits pageLimits, PageInspector inspector, IngestConfig config) {
        this.pageLimits = pageLimits;
        this.inspector = inspector;
        this.limits = config.upload().hints();
    }

    /** A hint file of either kind, for the page it names. */
    public PageHint inspect(InspectedPage page, PageSource source, boolean points) {
        return points ? points(page, source) : image(page, source);
    }

    /**
     * A hint image on disk: an intact 8-bit RGBA PNG within the page limits, of its page's aspect and at most its
     * pixels.
     */
    public PageHint image(InspectedPage page, PageSource source) {
        int n = page.pageNumber();
        ImageHeader header;
        try (InputStream in = Files.newInputStream(source.file())) {
            header = pageLimits.head(n, source.fileName(), in).header();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (header.format() != ImageFormat.PNG || header.channels() != 4) {
            throw invalid(n, source.fileName(), "is not a PNG with an alpha channel (colored dots on transparent)");
        }
        // the worker decodes a hint image beside its page: more bits or pixels than the page's would cost it up to
        // eight times the page's memory, for dots the colorizer maps to the resolution of inference anyway
        if (header.bitDepth() != 8) {
            throw invalid(n, source.fileName(), "has " + header.bitDepth() + " bits per channel; a hint image has 8");
        }
        if (header.pixels() > (long) page.width() * page.height()) {
            throw PageRejectedException.tooLarge("hints-too-large", n, source.fileName(), "hints", "The hint image of page "
                    + n + " (" + source.fileName() + ") is " + header.width() + "x" + header.height() + ", more than its "
                    + "page's " + page.width() + "x" + page.height() + " pixels");
        }
        inspector.inspect(n, source);
        double pageAspect = (double) page.width() / page.height();
        double hintAspect = (double) header.width() / header.height();
        if (Math.abs(hintAspect - pageAspect) > limits.aspectTolerance() * pageAspect) {
            throw invalid(n, source.fileName(), "is " + header.width() + "x" + header.height() + ", not of the page's "
                    + "aspect (" + page.width() + "x" + page.height() + ", tolerance " + limits.aspectTolerance() + ")");
        }
        return new PageHint(n, source.fileName(), source.file(), null);
    }

    /** Points from a file on disk, read no further than the limit. */
    public PageHint points(InspectedPage page, PageSource source) {
        try (InputStream in = Files.newInputStream(source.file())) {
            return new PageHint(page.pageNumber(), source.fileName(), null,
                    points(page.pageNumber(), page.width(), page.height(), source.fileName(), in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Points sent as JSON for page {@code pageNumber} of {@code width x height} pixels, read no further than the limit
     * (a larger body is refused by its byte past the limit, never read whole); {@code source} names them in problems.
     */
    public List<HintPoint> points(int pageNumber, int width, int height, String source, InputStream json) {
        JsonNode root;
        try {
            root = JSON.readTree(BoundedBody.read(json, limits.maxJsonBytes(), () -> PageRejectedException.tooLarge(
                    "hints-too-large", pageNumber, source, "hints", "The hints of page " + pageNumber + " have more than "
                            + "the limit of " + limits.maxJsonBytes() + " bytes")));
        } catch (JsonProcessingException e) {
            throw invalid(pageNumber, source, "are not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonNode array = root != null && root.isObject() && root.has("points") ? root.get("points") : root;
        if (array == null || !array.isArray()) {
            throw invalid(pageNumber, source, "are not a JSON array of points [{\"x\":..,\"y\":..,\"color\":\"#rrggbb\"}]");
        }
        if (array.isEmpty() || array.size() > limits.maxPoints()) {
            throw invalid(pageNumber, source, "have " + array.size() + " points; from 1 to " + limits.maxPoints());
        }
        List<HintPoint> points = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            points.add(point(pageNumber, width, height, source, i + 1, array.get(i)));
        }
        return points;
    }

    private HintPoint point(int page, int width, int height, String source, int index, JsonNode node) {
        String which = "point " + index;
        if (!node.isObject()) {
            throw invalid(page, source, which + " is not an object");
        }
        for (Iterator<String> fields = node.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!POINT_FIELDS.contains(field)) {
                throw invalid(page, source, which + " has the unknown field '" + field + "' (x, y, color, name, radius)");
            }
        }
        double x = number(page, source, which, node, "x");
        double y = number(page, source, which, node, "y");
        if (x < 0 || y < 0 || x >= width || y >= height) {
            throw invalid(page, source, which + " (" + x + ", " + y + ") is outside the page (" + width + "x" + height
                    + " pixels)");
        }
        String color = text(page, source, which, node, "color");
        String name = text(page, source, which, node, "name");
        if ((color == null) == (name == null)) {
            throw invalid(page, source, which + " needs either a color (#rrggbb) or the name of a palette entry");
        }
        if (color != null && !ColorHints.isColor(color)) {
            throw invalid(page, source, which + " has the color '" + shown(color) + "', not #rrggbb");
        }
        if (name != null && (name.isBlank() || name.length() > ColorHints.MAX_NAME_LENGTH)) {
            throw invalid(page, source, which + " has a name that is blank or longer than " + ColorHints.MAX_NAME_LENGTH);
        }
        double radius = node.has("radius") ? number(page, source, which, node, "radius") : limits.defaultRadius();
        if (radius <= 0 || radius > limits.maxRadius()) {
            throw invalid(page, source, which + " has the radius " + radius + "; above 0, at most " + limits.maxRadius());
        }
        return new HintPoint(x, y, color == null ? null : color.toLowerCase(Locale.ROOT), name == null ? null : name.trim(),
                radius);
    }

    private static double number(int page, String source, String which, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isNumber() || !Double.isFinite(value.asDouble())) {
            throw invalid(page, source, which + " needs a number '" + field + "'");
        }
        return value.asDouble();
    }

    private static String text(int page, String source, String which, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid(page, source, which + " has a '" + field + "' that is not a string");
        }
        return value.asText();
    }

    private static String shown(String value) {
        return value.length() > 20 ? value.substring(0, 20) + "..." : value;
    }

    static Refused invalid(int page, String source, String problem) {
        return PageRejectedException.invalid("invalid-hints", page, source, "The hints of page " + page
                + (source == null ? "" : " (" + source + ")") + " " + problem);
    }
}
