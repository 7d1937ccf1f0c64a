package dev.colorize.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The fault run's recolor flood: bursts of recolors of one finished page sent at once (a client retrying, a console
 * clicked many times), with or without one Idempotency-Key, and every answer kept: a 202 names the revision it made
 * (a retry with the key names the first request's), a refusal its status and problem type.
 */
final class RecolorFlood {

    /** A revision of a page, as accepted. */
    record Revision(UUID chapterId, int pageNumber, int revision) {
    }

    /** One request's answer: revision when accepted (202), problem's type when refused. */
    record Answer(String burst, UUID chapterId, int pageNumber, String idempotencyKey, int status, Integer revision,
            String problem) {
    }

    /** A dot in the top-left part of the page: any page of the run is larger than that. */
    private static final List<Map<String, Object>> POINTS = List.of(Map.of("x", 30, "y", 40, "color", "#d04020",
            "radius", 6));

    private final List<Answer> answers = new CopyOnWriteArrayList<>();

    /** Sends {@code count} recolors of the page at once, all with {@code key} (null: none), and waits for the answers. */
    List<Answer> burst(String name, JsonHttp api, UUID chapter, int page, int count, String key) {
        String path = "/v1/chapters/" + chapter + "/pages/" + page + "/recolor";
        Map<String, String> headers = key == null ? Map.of() : Map.of("Idempotency-Key", key);
        List<Answer> burst = IntStream.range(0, count).mapToObj(i -> CompletableFuture.supplyAsync(() -> {
            try {
                return answer(name, chapter, page, key, api.postAnswer(path, POINTS, headers));
            } catch (IOException e) {
                return new Answer(name, chapter, page, key, -1, null, FailureReason.of(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Answer(name, chapter, page, key, -1, null, "interrupted");
            }
        })).toList().stream().map(CompletableFuture::join).toList();
        answers.addAll(burst);
        return burst;
    }

    private static Answer answer(String burst, UUID chapter, int page, String key, JsonHttp.Answer http)
            throws IOException {
        JsonNode body = http.body().isEmpty() ? JsonHttp.JSON.nullNode() : JsonHttp.JSON.readTree(http.body());
        String type = body.path("type").asText("");
        return new Answer(burst, chapter, page, key, http.status(),
                http.status() == 202 ? body.get("revision").asInt() : null,
                type.isEmpty() ? null : type.substring(type.lastIndexOf('/') + 1));
    }

    List<Answer> answers() {
        return List.copyOf(answers);
    }

    /** The revisions the accepted requests made, each once however many requests named it. */
    Set<Revision> accepted() {
        return answers.stream().filter(a -> a.status() == 202)
                .map(a -> new Revision(a.chapterId(), a.pageNumber(), a.revision())).collect(Collectors.toSet());
    }

    /** "status problem" -> how many answers, e.g. "202" -> 14, "429 recolors-in-work" -> 4. */
    Map<String, Long> byStatus() {
        return byStatus(answers);
    }

    /** A burst's answers by status, for a line of the report. */
    static String summary(List<Answer> burst) {
        return byStatus(burst).toString();
    }

    private static Map<String, Long> byStatus(List<Answer> answers) {
        return answers.stream().collect(Collectors.groupingBy(
                a -> a.status() + (a.problem() == null ? "" : " " + a.problem()), TreeMap::new, Collectors.counting()));
    }
}
