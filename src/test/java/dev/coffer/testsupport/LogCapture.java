package dev.coffer.testsupport;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures every log record of the JVM while installed (JBoss LogManager is JUL-based): the
 * formatted message, its parameters and any stack trace. Coffer's own loggers are opened to
 * every level (debug included); other libraries log at their configured levels.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final SimpleFormatter formatter = new SimpleFormatter();
    private final Logger root = Logger.getLogger("");
    private final Logger coffer = Logger.getLogger("dev.coffer");
    private final Level previous;

    public LogCapture() {
        setLevel(Level.ALL);
        previous = coffer.getLevel();
        coffer.setLevel(Level.ALL);
        root.addHandler(this);
    }

    public static LogCapture start() {
        return new LogCapture();
    }

    @Override
    public void publish(LogRecord record) {
        StringBuilder sb = new StringBuilder(formatter.formatMessage(record));
        if (record.getParameters() != null) {
            for (Object p : record.getParameters()) {
                sb.append(' ').append(p);
            }
        }
        if (record.getThrown() != null) {
            StringWriter w = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(w));
            sb.append('\n').append(w);
        }
        lines.add(sb.toString());
        records.add(record);
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** Every record captured so far, in order. */
    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** A record's message as a log line shows it, parameters filled in. */
    public String format(LogRecord record) {
        return formatter.formatMessage(record);
    }

    /** The distinct threads that logged a message containing the text. */
    public Set<Long> threadsLogging(String text) {
        Set<Long> threads = new HashSet<>();
        records.stream().filter(r -> formatter.formatMessage(r).contains(text)).forEach(r -> threads.add(r.getLongThreadID()));
        return threads;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        root.removeHandler(this);
        coffer.setLevel(previous);
    }
}
