package dev.colorize.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import dev.colorize.stack.testing.EmbeddedStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(EmbeddedStackTestResource.class)
class OperationsEndpointsIT {

    @Test
    void readinessChecksDatabaseAndObjectStoreAndHealthAlsoReportsKafka() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItems("object-store", "Database connections health check"))
                .body("checks.name", not(hasItem("kafka")));
        given().get("/q/health").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItems("kafka", "object-store", "Database connections health check"));
    }

    @Test
    void prometheusMetricsCountAcceptedPages() {
        var publisher = Publishers.create();
        given().auth().oauth2(publisher.apiKey()).multiPart("pages", "1.png", Pages.png(4, 4, 1), "image/png")
                .post("/v1/chapters").then().statusCode(202);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("colorize_ingest_pages_accepted_total"))
                .body(containsString("colorize_ingest_outbox_published_total"));
    }

    @Test
    void theOpenApiDocumentAndSwaggerUiDescribeTheV1Api() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/v1/chapters"))
                .body("paths", org.hamcrest.Matchers.hasKey("/v1/chapters/{id}/archive"))
                .body("paths", org.hamcrest.Matchers.hasKey("/v1/chapters/{id}/pages/{page}/layers/{layer}"))
                .body("paths.'/v1/chapters/{id}/archive'.get.parameters.name", org.hamcrest.Matchers.hasItem("layers"))
                .body("paths.'/v1/chapters'.post.requestBody.content.'multipart/form-data'.schema.properties",
                        org.hamcrest.Matchers.allOf(org.hamcrest.Matchers.hasKey("outputs"),
                                org.hamcrest.Matchers.hasKey("quality"), org.hamcrest.Matchers.hasKey("outputFormat")))
                .body("paths", org.hamcrest.Matchers.hasKey("/v1/chapters/{id}/pages/{page}/recolor"))
                .body("paths.'/v1/chapters/{id}/pages/{page}/recolor'.post.requestBody.content",
                        org.hamcrest.Matchers.allOf(org.hamcrest.Matchers.hasKey("application/json"),
                                org.hamcrest.Matchers.hasKey("multipart/form-data")))
                .body("paths", org.hamcrest.Matchers.hasKey("/v1/chapters/{id}/pages/{page}/revisions/{revision}"))
                .body("paths", org.hamcrest.Matchers.hasKey("/v1/chapters/{id}/pages/{page}/revisions/{revision}/layers/{layer}"))
                .body("paths.'/v1/series/{id}/palette'", org.hamcrest.Matchers.allOf(org.hamcrest.Matchers.hasKey("put"),
                        org.hamcrest.Matchers.hasKey("get")))
                .body("paths.'/v1/chapters'.post.requestBody.content.'multipart/form-data'.schema.properties",
                        org.hamcrest.Matchers.hasKey("seriesId"))
                .body("paths.'/v1/chapters'.post.description", org.hamcrest.Matchers.containsString(".hints.png"))
                .body("components.securitySchemes", org.hamcrest.Matchers.hasKey("apiKey"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void swaggerUiOnTheConsolesOriginLoadsNothingFromElsewhereAndCannotBeFramed() {
        for (String page : List.of("/q/swagger-ui", "/q/swagger-ui/", "/q/swagger-ui/index.html")) {
            given().redirects().follow(false).get(page).then()
                    .header("Content-Security-Policy", allOf(containsString("default-src 'self'"),
                            containsString("connect-src 'self'"), containsString("object-src 'none'"),
                            containsString("frame-ancestors 'none'"), containsString("base-uri 'none'")))
                    .header("X-Content-Type-Options", "nosniff");
        }
        given().get("/q/openapi").then().statusCode(200).header("X-Content-Type-Options", "nosniff");
    }
}
