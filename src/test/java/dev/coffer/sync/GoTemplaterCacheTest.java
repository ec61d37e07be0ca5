package dev.coffer.sync;

import dev.coffer.template.GoTemplate;
import dev.coffer.template.TemplateException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A template is parsed once and reused on every later refresh; a changed text is parsed anew. */
class GoTemplaterCacheTest {

    @Test
    void theSameTextIsParsedOnce() throws TemplateException {
        TemplateCache cache = new TemplateCache(16);
        GoTemplate first = cache.get("data.dsn", "{{ .user }}@db");
        GoTemplate again = cache.get("data.dsn", "{{ .user }}@db");
        assertThat(again).isSameAs(first);
        assertThat(cache.size()).isEqualTo(1);

        GoTemplate changed = cache.get("data.dsn", "{{ .user }}@db2");
        assertThat(changed).isNotSameAs(first);
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void theLeastRecentlyUsedTemplateGoesFirstAtTheBound() throws TemplateException {
        TemplateCache cache = new TemplateCache(2);
        GoTemplate a = cache.get("a", "a");
        cache.get("b", "b");
        cache.get("a", "a");
        cache.get("c", "c");
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.get("a", "a")).as("a was used recently, so b went").isSameAs(a);
    }
}
