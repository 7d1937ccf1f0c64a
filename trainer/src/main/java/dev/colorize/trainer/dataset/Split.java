package dev.colorize.trainer.dataset;

import java.nio.ByteBuffer;

/**
 * Train or validation, decided by an image's SHA-256 alone, so an image never changes sides as others
 * are added. The rule is the one {@code PairedImageFolder} applies to a folder (first 8 bytes as an
 * unsigned long, mod 1,000,000, below fraction x 1,000,000), so a run's downloaded snapshot splits
 * exactly as the database says.
 */
public enum Split {
    TRAIN("train"), VALIDATION("validation");

    private final String column;

    Split(String column) {
        this.column = column;
    }

    public String column() {
        return column;
    }

    public static Split of(byte[] sha256, double validationFraction) {
        long bucket = Long.remainderUnsigned(ByteBuffer.wrap(sha256).getLong(), 1_000_000);
        return bucket < validationFraction * 1_000_000 ? VALIDATION : TRAIN;
    }

    public static Split fromColumn(String column) {
        return "validation".equals(column) ? VALIDATION : TRAIN;
    }
}
