package dev.coffer.generator;

import java.util.Map;
import java.util.Optional;

/** What a generator produced: values by key, and the lease behind them when there is one. */
public record Generated(Map<String, byte[]> values, Optional<Lease> lease) {

    public static Generated of(Map<String, byte[]> values) {
        return new Generated(values, Optional.empty());
    }

    @Override
    public String toString() {
        return "Generated[keys=" + values.keySet() + ", lease=" + lease + "]";
    }
}
