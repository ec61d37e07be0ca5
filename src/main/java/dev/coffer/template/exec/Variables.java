package dev.coffer.template.exec;

import java.util.ArrayList;
import java.util.List;

/** The variable stack of one execution: declarations push, control structures pop back to a mark. */
final class Variables {
    private final List<String> names = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();

    void push(String name, Object value) {
        names.add(name);
        values.add(value);
    }

    int mark() {
        return names.size();
    }

    void pop(int mark) {
        names.subList(mark, names.size()).clear();
        values.subList(mark, values.size()).clear();
    }

    /** Sets the n-th variable from the top (1 is the top). */
    void setTop(int n, Object value) {
        values.set(values.size() - n, value);
    }

    /** Assigns the innermost variable of that name; false if none is declared. */
    boolean set(String name, Object value) {
        for (int i = names.size() - 1; i >= 0; i--) {
            if (names.get(i).equals(name)) {
                values.set(i, value);
                return true;
            }
        }
        return false;
    }

    boolean has(String name) {
        return names.lastIndexOf(name) >= 0;
    }

    Object get(String name) {
        int i = names.lastIndexOf(name);
        return values.get(i);
    }
}
