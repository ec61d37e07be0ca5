package dev.coffer.kube;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.EventSourceRetriever;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A lazily started event source is registered once, by whichever reconcile needs it first. */
class LazyEventSourcesTest {

    /** What JOSDK's EventSourceManager does here: registered sources, and a refusal of a second one of a name. */
    private final List<EventSource<?, ConfigMap>> registered = new ArrayList<>();
    private final AtomicInteger registrations = new AtomicInteger();
    private final Context<ConfigMap> context = context();

    @Test
    void theFirstCallRegistersAndLaterCallsGetTheSameSource() {
        AtomicInteger created = new AtomicInteger();
        EventSource<Secret, ConfigMap> first = LazyEventSources.registered(context, Secret.class, "secrets",
                c -> { created.incrementAndGet(); return source("secrets"); });
        EventSource<Secret, ConfigMap> again = LazyEventSources.registered(context, Secret.class, "secrets",
                c -> { created.incrementAndGet(); return source("secrets"); });
        assertThat(again).isSameAs(first);
        assertThat(created).hasValue(1);
        assertThat(registrations).hasValue(1);
    }

    @Test
    void concurrentReconcilesRegisterItOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        Set<Object> seen = ConcurrentHashMap.newKeySet();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                done.add(pool.submit(() -> {
                    start.await();
                    seen.add(LazyEventSources.registered(context, Secret.class, "secrets", c -> source("secrets")));
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(seen).hasSize(1);
        assertThat(registrations).hasValue(1);
    }

    @Test
    void anotherNameIsAnotherSource() {
        var a = LazyEventSources.registered(context, Secret.class, "a", c -> source("a"));
        var b = LazyEventSources.registered(context, Secret.class, "b", c -> source("b"));
        assertThat(a).isNotSameAs(b);
        assertThat(registrations).hasValue(2);
    }

    @SuppressWarnings("unchecked")
    private <R> EventSource<R, ConfigMap> source(String name) {
        return (EventSource<R, ConfigMap>) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {EventSource.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "name" -> name;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }

    @SuppressWarnings("unchecked")
    private Context<ConfigMap> context() {
        EventSourceRetriever<ConfigMap> retriever = (EventSourceRetriever<ConfigMap>) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {EventSourceRetriever.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getEventSourcesFor" -> {
                        synchronized (registered) {
                            yield new ArrayList<>(registered);
                        }
                    }
                    case "dynamicallyRegisterEventSource" -> {
                        EventSource<?, ConfigMap> source = (EventSource<?, ConfigMap>) args[0];
                        synchronized (registered) {
                            if (registered.stream().anyMatch(s -> s.name().equals(source.name()))) {
                                throw new IllegalStateException("already registered: " + source.name());
                            }
                            registered.add(source);
                        }
                        registrations.incrementAndGet();
                        yield source;
                    }
                    case "eventSourceContextForDynamicRegistration" -> null;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (Context<ConfigMap>) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> "eventSourceRetriever".equals(method.getName()) ? retriever : null);
    }
}
