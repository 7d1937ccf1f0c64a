package dev.colorize.worker.storage;

import dev.colorize.platform.storage.ObjectStore;
import dev.colorize.platform.storage.ObjectStoreConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The shared object store client. */
public class ObjectStoreProducer {

    @Produces
    @Singleton
    ObjectStore objectStore(
            @ConfigProperty(name = "colorize.object-store.endpoint") String endpoint,
            @ConfigProperty(name = "colorize.object-store.access-key") String accessKey,
            @ConfigProperty(name = "colorize.object-store.secret-key") String secretKey,
            @ConfigProperty(name = "colorize.object-store.region") String region,
            @ConfigProperty(name = "colorize.object-store.bucket") String bucket) {
        return new ObjectStore(new ObjectStoreConfig(endpoint, accessKey, secretKey, region, bucket));
    }
}
