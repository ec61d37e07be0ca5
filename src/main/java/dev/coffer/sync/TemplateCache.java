package dev.coffer.sync;

import dev.coffer.template.GoTemplate;
import dev.coffer.template.TemplateException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parsed templates by name and text, so an unchanged template is parsed once, not on every
 * refresh. Least recently used entries go first once the bound is reached.
 */
final class TemplateCache {

    private record Key(String name, String text) {
    }

    private final Map<Key, GoTemplate> parsed;

    TemplateCache(int capacity) {
        this.parsed = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, GoTemplate> eldest) {
                return size() > capacity;
            }
        };
    }

    GoTemplate get(String name, String text) throws TemplateException {
        Key key = new Key(name, text);
        synchronized (parsed) {
            GoTemplate hit = parsed.get(key);
            if (hit != null) {
                return hit;
            }
        }
        GoTemplate fresh = GoTemplate.parse(name, text);
        synchronized (parsed) {
            parsed.put(key, fresh);
        }
        return fresh;
    }

    int size() {
        synchronized (parsed) {
            return parsed.size();
        }
    }
}
