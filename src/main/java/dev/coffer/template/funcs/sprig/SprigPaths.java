package dev.coffer.template.funcs.sprig;

import static dev.coffer.template.funcs.ParamType.STRING;

import dev.coffer.template.funcs.FunctionRegistry;
import dev.coffer.template.value.GoValues;
import java.util.ArrayList;
import java.util.List;

/**
 * Go's path package (base, dir, clean, ext, isAbs) and the os* variants, which use the slash
 * separator too on Linux, where the operator runs. Pure string functions: no file system access.
 */
public final class SprigPaths {
    private SprigPaths() {
    }

    public static void register(FunctionRegistry.Builder r) {
        for (String prefix : new String[]{"", "os"}) {
            r.add(name(prefix, "base"), a -> base(GoValues.str(a[0])), STRING);
            r.add(name(prefix, "dir"), a -> dir(GoValues.str(a[0])), STRING);
            r.add(name(prefix, "clean"), a -> clean(GoValues.str(a[0])), STRING);
            r.add(name(prefix, "ext"), a -> ext(GoValues.str(a[0])), STRING);
            r.add(name(prefix, "isAbs"), a -> GoValues.str(a[0]).startsWith("/"), STRING);
        }
    }

    private static String name(String prefix, String base) {
        return prefix.isEmpty() ? base : prefix + Character.toUpperCase(base.charAt(0)) + base.substring(1);
    }

    static String base(String p) {
        if (p.isEmpty()) {
            return ".";
        }
        while (p.length() > 0 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        int i = p.lastIndexOf('/');
        if (i >= 0) {
            p = p.substring(i + 1);
        }
        return p.isEmpty() ? "/" : p;
    }

    static String dir(String p) {
        int i = p.lastIndexOf('/');
        return clean(p.substring(0, i + 1));
    }

    static String ext(String p) {
        for (int i = p.length() - 1; i >= 0 && p.charAt(i) != '/'; i--) {
            if (p.charAt(i) == '.') {
                return p.substring(i);
            }
        }
        return "";
    }

    /** path.Clean: collapse slashes, drop "." elements, resolve "..", no trailing slash. */
    static String clean(String p) {
        if (p.isEmpty()) {
            return ".";
        }
        boolean rooted = p.startsWith("/");
        List<String> out = new ArrayList<>();
        for (String part : p.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
                    out.remove(out.size() - 1);
                } else if (!rooted) {
                    out.add("..");
                }
                continue;
            }
            out.add(part);
        }
        String joined = String.join("/", out);
        if (rooted) {
            return "/" + joined;
        }
        return joined.isEmpty() ? "." : joined;
    }
}
