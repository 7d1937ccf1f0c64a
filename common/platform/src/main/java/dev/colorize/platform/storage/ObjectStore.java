package dev.colorize.platform.storage;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.UploadObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.http.Method;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The S3 API as the services use it: one bucket, whole objects, presigned downloads. */
public final class ObjectStore {

    private final MinioClient client;
    private final String bucket;

    public ObjectStore(ObjectStoreConfig config) {
        this.client = MinioClient.builder()
                .endpoint(config.endpoint())
                .credentials(config.accessKey(), config.secretKey())
                .region(config.region())
                .build();
        this.bucket = config.bucket();
    }

    public String bucket() {
        return bucket;
    }

    /** Creates the bucket unless it exists; every service calls it on start, possibly at the same moment. */
    public void ensureBucket() {
        call("check bucket " + bucket, () -> {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                try {
                    client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
                } catch (ErrorResponseException e) {
                    // another service created it between our check and our request
                    if (!"BucketAlreadyOwnedByYou".equals(e.errorResponse().code())) {
                        throw e;
                    }
                }
            }
            return null;
        });
    }

    public void put(String key, byte[] content, String contentType) {
        call("put " + key, () -> client.putObject(PutObjectArgs.builder()
                .bucket(bucket).object(key).contentType(contentType)
                .stream(new ByteArrayInputStream(content), content.length, -1)
                .build()));
    }

    /** Stores a file as it is on disk: the SDK reads it part by part, so its size does not matter to the heap. */
    public void put(String key, Path file, String contentType) {
        call("put " + key, () -> client.uploadObject(UploadObjectArgs.builder()
                .bucket(bucket).object(key).contentType(contentType).filename(file.toString())
                .build()));
    }

    public byte[] get(String key) {
        return call("get " + key, () -> {
            try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
                return in.readAllBytes();
            }
        });
    }

    /** The object's content as it arrives, for copying on without holding it; the caller closes it. */
    public InputStream open(String key) {
        return call("get " + key, () -> client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build()));
    }

    /** The object's size, or empty when there is no such object. */
    public Optional<Long> size(String key) {
        return call("stat " + key, () -> {
            try {
                return Optional.of(client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build()).size());
            } catch (ErrorResponseException e) {
                if (isNotFound(e)) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    /** Keys under a prefix, in key order. */
    public List<String> list(String prefix) {
        return call("list " + prefix, () -> {
            List<String> keys = new ArrayList<>();
            for (Result<Item> item : client.listObjects(ListObjectsArgs.builder()
                    .bucket(bucket).prefix(prefix).recursive(true).build())) {
                keys.add(item.get().objectName());
            }
            return keys;
        });
    }

    public void delete(String key) {
        call("delete " + key, () -> {
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
            return null;
        });
    }

    /** A URL that downloads the object without credentials until it expires. */
    public String presignedGetUrl(String key, Duration validFor) {
        return call("presign " + key, () -> client.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
                .method(Method.GET).bucket(bucket).object(key)
                .expiry((int) validFor.toSeconds())
                .build()));
    }

    private interface StoreCall<T> {
        T run() throws Exception;
    }

    private static <T> T call(String what, StoreCall<T> call) {
        try {
            return call.run();
        } catch (ErrorResponseException e) {
            // The store answered: retrying the same request will not change its answer, unless it is overloaded.
            String code = e.errorResponse().code();
            boolean retry = "SlowDown".equals(code) || "ServiceUnavailable".equals(code) || "InternalError".equals(code);
            throw new ObjectStoreException("Object store refused to " + what + ": " + code + " " + e.getMessage(), retry, e);
        } catch (IOException e) {
            throw new ObjectStoreException("Object store unreachable during " + what + ": " + e.getMessage(), true, e);
        } catch (Exception e) {
            throw new ObjectStoreException("Object store failed to " + what + ": " + e.getMessage(), false, e);
        }
    }

    private static boolean isNotFound(ErrorResponseException e) {
        String code = e.errorResponse().code();
        return "NoSuchKey".equals(code) || "NoSuchObject".equals(code) || "NotFound".equals(code);
    }
}
