package dev.coffer.testsupport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** Captures every log line of the JVM (JBoss LogManager is JUL-based) so tests can check what was logged. */
public final class LogCapture extends Handler implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final SimpleFormatter formatter = new SimpleFormatter();

    public static LogCapture start() {
        LogCapture capture = new LogCapture();
        Logger.getLogger("").addHandler(capture);
        return capture;
    }

    @Override
    public void publish(LogRecord record) {
        String line = formatter.format(record);
        if (record.getThrown() != null) {
            line += " " + record.getThrown();
        }
        lines.add(line);
        records.add(record);
    }

    /** The distinct threads that logged a message containing the text. */
    public java.util.Set<Long> threadsLogging(String text) {
        java.util.Set<Long> threads = new java.util.HashSet<>();
        records.stream().filter(r -> formatter.formatMessage(r).contains(text)).forEach(r -> threads.add(r.getLongThreadID()));
        return threads;
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
