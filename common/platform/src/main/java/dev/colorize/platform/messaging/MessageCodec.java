package dev.colorize.platform.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;

/** JSON on the wire for every {@link Message}; one mapper configuration for all services. */
public final class MessageCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // newer producers may add fields; older consumers ignore them within one schema version
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /** Readers of the schema versions before the current one, by type and version: messages still in flight at upgrade. */
    private static final Map<Class<?>, Map<Integer, Function<JsonNode, ?>>> OLDER_VERSIONS = Map.of(
            PageJob.class, Map.of(1, tree -> readTree(tree, PageJobV1.class).upgrade()),
            PageResult.class, Map.of(1, tree -> readTree(tree, PageResultV1.class).upgrade()));

    private MessageCodec() {
    }

    public static byte[] encode(Message message) {
        try {
            return MAPPER.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot encode " + message, e);
        }
    }

    /** A contract that travels outside Kafka (the chapter webhook), written as the messages are. */
    public static String toJson(Record contract) {
        try {
            return MAPPER.writeValueAsString(contract);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot encode " + contract, e);
        }
    }

    /** Reads such a contract, or throws {@link UnsupportedMessageException} saying what is wrong with it. */
    public static <T extends Record> T fromJson(String json, Class<T> type) {
        return read(json == null ? null : json.getBytes(StandardCharsets.UTF_8), type);
    }

    public static String encodeToString(Message message) {
        return new String(encode(message), StandardCharsets.UTF_8);
    }

    /** Reads a message, or throws {@link UnsupportedMessageException} saying what is wrong with it. */
    public static <T extends Message> T decode(byte[] json, Class<T> type) {
        return read(json, type);
    }

    private static <T> T readTree(JsonNode tree, Class<T> type) {
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T read(byte[] json, Class<T> type) {
        if (json == null) {
            throw new UnsupportedMessageException("empty " + type.getSimpleName() + " message");
        }
        try {
            JsonNode tree = MAPPER.readTree(json);
            if (tree == null || tree.isMissingNode()) {
                throw new UnsupportedMessageException("empty " + type.getSimpleName() + " message");
            }
            Function<JsonNode, ?> upgrade = OLDER_VERSIONS.getOrDefault(type, Map.of())
                    .get(tree.path("schemaVersion").asInt(-1));
            return upgrade == null ? MAPPER.treeToValue(tree, type) : type.cast(upgrade.apply(tree));
        } catch (IOException | UncheckedIOException e) {
            Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
            cause = cause.getCause() instanceof UnsupportedMessageException u ? u : cause;
            throw new UnsupportedMessageException("Unreadable " + type.getSimpleName() + ": " + cause.getMessage(), e);
        } catch (IllegalArgumentException e) {
            // an older version's fields that do not make a message of this version
            throw new UnsupportedMessageException("Unreadable " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
