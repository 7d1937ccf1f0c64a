package dev.colorize.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** JSON calls to one service with a bearer key; a non-2xx answer becomes an exception quoting its problem details. */
final class JsonHttp {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String key;

    JsonHttp(String baseUrl, String key) {
        this.baseUrl = baseUrl;
        this.key = key;
    }

    String baseUrl() {
        return baseUrl;
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        return send(request(path).GET().build());
    }

    JsonNode post(String path, Object body) throws IOException, InterruptedException {
        return send(request(path).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
    }

    /** Posts raw bytes (e.g. an image) with the given content type. */
    JsonNode post(String path, byte[] body, String contentType) throws IOException, InterruptedException {
        return send(request(path).header("content-type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** Posts a prepared multipart body. */
    JsonNode post(String path, Multipart body) throws IOException, InterruptedException {
        return send(request(path).header("content-type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())).build());
    }

    /** Deletes; a 404 is a {@link Refused} like any other non-2xx answer. */
    JsonNode delete(String path) throws IOException, InterruptedException {
        return send(request(path).DELETE().build());
    }

    /** An answer of any status, for calls whose refusals are part of what is checked. */
    record Answer(int status, String body) {
    }

    /** Posts JSON with extra headers and returns the answer whatever its status. */
    Answer postAnswer(String path, Object body, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        headers.forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    /** Downloads to a file, following redirects (presigned URLs). */
    void download(String path, Path target) throws IOException, InterruptedException {
        HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpResponse<Path> response = following.send(request(path, "*/*").GET().build(),
                HttpResponse.BodyHandlers.ofFile(target));
        if (response.statusCode() / 100 != 2) {
            throw new IOException("GET " + path + " answered " + response.statusCode());
        }
    }

    private HttpRequest.Builder request(String path) {
        return request(path, "application/json");
    }

    private HttpRequest.Builder request(String path, String accept) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofMinutes(2))
                .header("authorization", "Bearer " + key)
                .header("accept", accept);
    }

    private JsonNode send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new Refused(request.method() + " " + request.uri().getPath() + " answered " + response.statusCode()
                    + ": " + response.body(), response.statusCode(), problem(response.body()));
        }
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    private static JsonNode problem(String body) {
        try {
            JsonNode problem = JSON.readTree(body);
            return problem != null && problem.isObject() ? problem : JSON.missingNode();
        } catch (IOException notJson) {
            return JSON.missingNode();
        }
    }

    /**
     * A non-2xx answer: its status and its problem details (type, title, detail, file, field; a missing node when the
     * body was none).
     */
    static final class Refused extends IOException {

        private final int status;
        private final transient JsonNode problem;

        Refused(String message, int status, JsonNode problem) {
            super(message);
            this.status = status;
            this.problem = problem;
        }

        int status() {
            return status;
        }

        JsonNode problem() {
            return problem;
        }
    }
}
