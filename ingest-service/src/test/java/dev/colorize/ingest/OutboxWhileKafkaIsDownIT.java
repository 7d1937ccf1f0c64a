package dev.colorize.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.colorize.stack.EmbeddedStack;
import dev.colorize.stack.testing.EmbeddedStackTestResource;
import dev.colorize.stack.testing.SharedStack;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(EmbeddedStackTestResource.class)
class OutboxWhileKafkaIsDownIT {

    @Inject
    AgroalDataSource db;

    @Test
    void theServiceStaysReadyAndAnUploadSucceedsWithoutKafkaAndItsJobsGoOutWhenKafkaIsBack() {
        EmbeddedStack stack = SharedStack.embedded().orElseThrow(() -> new IllegalStateException(
                "this fault test stops the embedded broker; it does not run against external servers"));
        var publisher = Publishers.create();
        String id;
        stack.stopKafka();
        try {
            given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                    .body("checks.name", not(hasItem("kafka")));
            given().get("/q/health/well").then().statusCode(503)
                    .body("checks.find { it.name == 'kafka' }.status", equalTo("DOWN"));
            id = given().auth().oauth2(publisher.apiKey())
                    .multiPart("pages", "1.png", Pages.png(8, 8, 1), "image/png")
                    .multiPart("pages", "2.png", Pages.png(8, 8, 2), "image/png")
                    .multiPart("pages", "3.png", Pages.png(8, 8, 3), "image/png")
                    .post("/v1/chapters").then().statusCode(202).extract().path("chapterId");
            assertThat(Stack.count(db, "SELECT count(*) FROM outbox WHERE message_key = ? AND published_at IS NULL", id))
                    .isEqualTo(3);
        } finally {
            stack.startKafka();
        }
        List<String> jobs = Stack.readJobs(v -> v.stream().filter(j -> j.contains(id)).count() >= 3, Duration.ofSeconds(90));
        assertThat(jobs.stream().filter(j -> j.contains(id))).hasSize(3);
        Await.until("outbox rows marked published", Duration.ofSeconds(30), () -> Stack.count(db,
                "SELECT count(*) FROM outbox WHERE message_key = ? AND published_at IS NULL", id) == 0);
    }
}
