package dev.colorize.platform.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** JSON on the wire for every {@link Message}; one mapper configuration for all services. */
public final class MessageCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // newer producers may add fields; older consumers ignore them within one schema version
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

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

    private static <T> T read(byte[] json, Class<T> type) {
        if (json == null) {
            throw new UnsupportedMessageException("empty " + type.getSimpleName() + " message");
        }
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            Throwable cause = e.getCause() instanceof UnsupportedMessageException u ? u : e;
            throw new UnsupportedMessageException("Unreadable " + type.getSimpleName() + ": " + cause.getMessage(), e);
        }
    }
}
