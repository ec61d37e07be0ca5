package dev.coffer.structure;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shape the guide asks of the code, checked on the sources so that it stays true: no two
 * classes share a simple name (main and test together), and no two packages of the operator
 * import each other, directly or around a loop.
 */
class PackageStructureTest {

    private static final Path MAIN = Path.of("src", "main", "java");
    private static final Path TEST = Path.of("src", "test", "java");
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(dev\\.coffer\\.[\\w.]+);", Pattern.MULTILINE);
    private static final Pattern QUALIFIED = Pattern.compile("(?<![\\w.])(dev\\.coffer\\.[a-z][\\w.]*?)\\.[A-Z]");

    @Test
    void noTwoClassesShareASimpleName() {
        Map<String, List<Path>> byName = new TreeMap<>();
        for (Path f : javaFiles(MAIN, TEST)) {
            byName.computeIfAbsent(f.getFileName().toString(), k -> new ArrayList<>()).add(f);
        }
        byName.values().removeIf(paths -> paths.size() < 2);
        assertThat(byName).as("classes that share a simple name").isEmpty();
    }

    @Test
    void packagesFormNoCycle() {
        Map<String, Set<String>> imports = new TreeMap<>();
        for (Path f : javaFiles(MAIN)) {
            String source = read(f);
            Matcher p = PACKAGE.matcher(source);
            if (!p.find()) {
                continue;
            }
            String pkg = p.group(1);
            Set<String> uses = imports.computeIfAbsent(pkg, k -> new TreeSet<>());
            Matcher i = IMPORT.matcher(source);
            while (i.find()) {
                uses.add(packageOf(i.group(1)));
            }
            Matcher q = QUALIFIED.matcher(source);
            while (q.find()) {
                uses.add(q.group(1));
            }
            uses.remove(pkg);
        }
        assertThat(cycles(imports)).as("groups of packages that import each other").isEmpty();
    }

    /** The package of an imported name: the segments before the first capitalised one. */
    private static String packageOf(String imported) {
        String[] parts = imported.split("\\.");
        StringBuilder pkg = new StringBuilder();
        for (String part : parts) {
            if (Character.isUpperCase(part.charAt(0))) {
                break;
            }
            pkg.append(pkg.isEmpty() ? "" : ".").append(part);
        }
        return pkg.toString();
    }

    /** Tarjan's strongly connected components with more than one package. */
    private static List<Set<String>> cycles(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new java.util.HashSet<>();
        List<Set<String>> found = new ArrayList<>();
        for (String start : graph.keySet()) {
            if (!index.containsKey(start)) {
                connect(start, graph, index, low, stack, onStack, found);
            }
        }
        return found;
    }

    private static void connect(String v, Map<String, Set<String>> graph, Map<String, Integer> index, Map<String, Integer> low,
                                Deque<String> stack, Set<String> onStack, List<Set<String>> found) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        onStack.add(v);
        for (String w : graph.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, graph, index, low, stack, onStack, found);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                found.add(component);
            }
        }
    }

    private static List<Path> javaFiles(Path... roots) {
        List<Path> files = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(p -> p.toString().endsWith(".java")).forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
