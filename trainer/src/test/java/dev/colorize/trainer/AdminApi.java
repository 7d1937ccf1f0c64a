package dev.colorize.trainer;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Requests as the bootstrap admin of the test profile, and waiting for asynchronous outcomes. */
final class AdminApi {

    static final String KEY = "test-admin-key";

    private AdminApi() {}

    static RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + KEY);
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(200);
        }
    }
}
