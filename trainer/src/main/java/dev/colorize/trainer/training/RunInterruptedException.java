package dev.colorize.trainer.training;

/** The trainer is shutting down mid-run; the run stays "running" and resumes from its last checkpoint. */
public class RunInterruptedException extends RuntimeException {

    public RunInterruptedException(String message) {
        super(message);
    }
}
