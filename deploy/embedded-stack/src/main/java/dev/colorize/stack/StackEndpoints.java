package dev.colorize.stack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the three servers answer. The same names are used as environment variables, so a stack
 * that already runs (docker-compose, a cluster) can be handed to tests and local runs.
 */
public record StackEndpoints(
        String kafkaBootstrap,
        String jdbcUrl,
        String dbUser,
        String dbPassword,
        String s3Endpoint,
        String s3AccessKey,
        String s3SecretKey,
        String s3Region) {

    public static final String ENV_KAFKA_BOOTSTRAP = "COLORIZE_KAFKA_BOOTSTRAP";
    public static final String ENV_DB_URL = "COLORIZE_DB_URL";
    public static final String ENV_DB_USER = "COLORIZE_DB_USER";
    public static final String ENV_DB_PASSWORD = "COLORIZE_DB_PASSWORD";
    public static final String ENV_S3_ENDPOINT = "COLORIZE_S3_ENDPOINT";
    public static final String ENV_S3_ACCESS_KEY = "COLORIZE_S3_ACCESS_KEY";
    public static final String ENV_S3_SECRET_KEY = "COLORIZE_S3_SECRET_KEY";
    public static final String ENV_S3_REGION = "COLORIZE_S3_REGION";

    public static final String DEFAULT_REGION = "us-east-1";

    /** As environment variable assignments, in a stable order. */
    public Map<String, String> asEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(ENV_KAFKA_BOOTSTRAP, kafkaBootstrap);
        env.put(ENV_DB_URL, jdbcUrl);
        env.put(ENV_DB_USER, dbUser);
        env.put(ENV_DB_PASSWORD, dbPassword);
        env.put(ENV_S3_ENDPOINT, s3Endpoint);
        env.put(ENV_S3_ACCESS_KEY, s3AccessKey);
        env.put(ENV_S3_SECRET_KEY, s3SecretKey);
        env.put(ENV_S3_REGION, s3Region);
        return env;
    }

    /** The Quarkus configuration keys every service reads (see each service's application.properties). */
    public Map<String, String> asQuarkusConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", kafkaBootstrap);
        config.put("quarkus.datasource.jdbc.url", jdbcUrl);
        config.put("quarkus.datasource.username", dbUser);
        config.put("quarkus.datasource.password", dbPassword);
        config.put("colorize.object-store.endpoint", s3Endpoint);
        config.put("colorize.object-store.access-key", s3AccessKey);
        config.put("colorize.object-store.secret-key", s3SecretKey);
        config.put("colorize.object-store.region", s3Region);
        return config;
    }

    /**
     * The endpoints named by environment variables, or null when none is set. Setting only some of
     * them is an error: a half-external stack is never what someone meant.
     */
    public static StackEndpoints fromEnvironment(Map<String, String> env) {
        String kafka = env.get(ENV_KAFKA_BOOTSTRAP);
        String db = env.get(ENV_DB_URL);
        String s3 = env.get(ENV_S3_ENDPOINT);
        if (kafka == null && db == null && s3 == null) {
            return null;
        }
        if (kafka == null || db == null || s3 == null) {
            throw new IllegalStateException("Set all of " + ENV_KAFKA_BOOTSTRAP + ", " + ENV_DB_URL + " and "
                    + ENV_S3_ENDPOINT + " to use running servers, or none of them to start the embedded stack");
        }
        return new StackEndpoints(kafka, db,
                env.getOrDefault(ENV_DB_USER, "postgres"),
                env.getOrDefault(ENV_DB_PASSWORD, "postgres"),
                s3,
                require(env, ENV_S3_ACCESS_KEY),
                require(env, ENV_S3_SECRET_KEY),
                env.getOrDefault(ENV_S3_REGION, DEFAULT_REGION));
    }

    private static String require(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " must be set when " + ENV_S3_ENDPOINT + " is");
        }
        return value;
    }
}
