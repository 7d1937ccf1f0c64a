package dev.colorize.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colorize.stack.StackEndpoints;
import dev.colorize.stack.testing.EmbeddedStackExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedStackExtension.class)
class ObjectStoreIT {

    private ObjectStore store;
    private String prefix;

    @BeforeEach
    void connect(StackEndpoints stack) {
        store = new ObjectStore(config(stack, stack.s3SecretKey()));
        store.ensureBucket();
        prefix = "it/" + UUID.randomUUID() + "/";
    }

    @Test
    void putListGetAndDeleteRoundTrip() {
        byte[] page = "a page".getBytes(StandardCharsets.UTF_8);
        store.put(prefix + "0002.png", page, "image/png");
        store.put(prefix + "0001.png", page, "image/png");

        assertThat(store.list(prefix)).containsExactly(prefix + "0001.png", prefix + "0002.png");
        assertThat(store.get(prefix + "0002.png")).isEqualTo(page);
        assertThat(store.size(prefix + "0002.png")).contains((long) page.length);

        store.delete(prefix + "0002.png");
        assertThat(store.size(prefix + "0002.png")).isEmpty();
        assertThat(store.list(prefix)).containsExactly(prefix + "0001.png");
    }

    @Test
    void aPresignedUrlDownloadsWithoutCredentialsAndATamperedOneIsRefused() throws Exception {
        byte[] page = "colored".getBytes(StandardCharsets.UTF_8);
        store.put(prefix + "result.png", page, "image/png");
        String url = store.presignedGetUrl(prefix + "result.png", Duration.ofMinutes(5));
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<byte[]> ok = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo(page);

        String otherObject = url.replace("result.png", "other.png");
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(otherObject)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(403);
    }

    @Test
    void aWrongSecretIsRefusedAndNotRetryable(StackEndpoints stack) {
        ObjectStore impostor = new ObjectStore(config(stack, "not-the-secret"));
        assertThatThrownBy(() -> impostor.put(prefix + "x.png", new byte[] {1}, "image/png"))
                .isInstanceOfSatisfying(ObjectStoreException.class, e -> assertThat(e.isTransient()).isFalse())
                .hasMessageContaining("SignatureDoesNotMatch");
        assertThat(store.size(prefix + "x.png")).isEmpty();
    }

    @Test
    void servicesStartingTogetherAllFindTheirBucket(StackEndpoints stack) throws Exception {
        String bucket = "race-" + UUID.randomUUID().toString().substring(0, 8);
        ObjectStoreConfig config = new ObjectStoreConfig(stack.s3Endpoint(), stack.s3AccessKey(), stack.s3SecretKey(),
                stack.s3Region(), bucket);
        List<Callable<Void>> starts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            starts.add(() -> {
                new ObjectStore(config).ensureBucket();
                return null;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            for (Future<Void> start : pool.invokeAll(starts)) {
                start.get(); // throws if any service failed to start
            }
        } finally {
            pool.shutdownNow();
        }
        ObjectStore store = new ObjectStore(config);
        store.put("x", new byte[] {1}, "application/octet-stream");
        assertThat(store.get("x")).containsExactly(1);
    }

    @Test
    void anUnreachableStoreIsATransientFault() {
        ObjectStore nowhere = new ObjectStore(new ObjectStoreConfig("http://127.0.0.1:9", "k", "s", "us-east-1", "colorize"));
        assertThatThrownBy(() -> nowhere.get("any"))
                .isInstanceOfSatisfying(ObjectStoreException.class, e -> assertThat(e.isTransient()).isTrue());
    }

    private static ObjectStoreConfig config(StackEndpoints stack, String secret) {
        return new ObjectStoreConfig(stack.s3Endpoint(), stack.s3AccessKey(), secret, stack.s3Region(),
                ObjectStoreConfig.DEFAULT_BUCKET);
    }
}
