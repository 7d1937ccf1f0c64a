package dev.colorize.service.storage;

import dev.colorize.platform.storage.ObjectStore;
import dev.colorize.platform.storage.ObjectStoreConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The service's one object store client, its bucket ensured at start so a misconfigured store stops
 * the service at once instead of failing its first request.
 */
public class ObjectStoreProducer {

    @Produces
    @Singleton
    @Startup
    ObjectStore objectStore(
            @ConfigProperty(name = "colorize.object-store.endpoint") String endpoint,
            @ConfigProperty(name = "colorize.object-store.access-key") String accessKey,
            @ConfigProperty(name = "colorize.object-store.secret-key") String secretKey,
            @ConfigProperty(name = "colorize.object-store.region") String region,
            @ConfigProperty(name = "colorize.object-store.bucket") String bucket) {
        ObjectStore store = new ObjectStore(new ObjectStoreConfig(endpoint, accessKey, secretKey, region, bucket));
        store.ensureBucket();
        return store;
    }
}
