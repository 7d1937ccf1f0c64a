package dev.colorize.platform.storage;

/**
 * How to reach the S3-compatible object store (MinIO in production, S3Proxy in the embedded stack).
 *
 * @param bucket the one bucket holding sketches/, results/, datasets/ and models/
 */
public record ObjectStoreConfig(String endpoint, String accessKey, String secretKey, String region, String bucket) {

    public static final String DEFAULT_BUCKET = "colorize";

    public ObjectStoreConfig {
        require(endpoint, "endpoint");
        require(accessKey, "access key");
        require(secretKey, "secret key");
        require(region, "region");
        require(bucket, "bucket");
    }

    private static void require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("object store " + what + " is not configured");
        }
    }
}
