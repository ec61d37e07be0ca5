package dev.coffer.template.funcs.sprig;

import static dev.coffer.template.funcs.ParamType.MAP;
import static dev.coffer.template.funcs.ParamType.STRING;

import dev.coffer.template.funcs.FunctionException;
import dev.coffer.template.funcs.FunctionRegistry;
import dev.coffer.template.value.GoValues;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * urlParse and urlJoin, following Go's net/url: the path and fragment are unescaped when parsed
 * and escaped again when joined; the query stays raw. No network access.
 */
public final class SprigUrls {
    private SprigUrls() {
    }

    public static void register(FunctionRegistry.Builder r) {
        r.add("urlParse", a -> parse(GoValues.str(a[0])), STRING);
        r.add("urlJoin", a -> join(GoValues.map(a[0])), MAP);
    }

    private static Map<String, Object> parse(String raw) throws FunctionException {
        String rest = raw;
        String fragment = "";
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            fragment = unescape(rest.substring(hash + 1));
            rest = rest.substring(0, hash);
        }
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        String scheme = "";
        int colon = rest.indexOf(':');
        if (colon > 0 && rest.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
            scheme = rest.substring(0, colon).toLowerCase();
            rest = rest.substring(colon + 1);
        } else if (colon == 0) {
            throw new FunctionException("unable to parse url: missing protocol scheme");
        }
        String opaque = "";
        String userinfo = "";
        String host = "";
        String path;
        if (!scheme.isEmpty() && !rest.startsWith("/")) {
            opaque = rest;
            path = "";
        } else {
            if (rest.startsWith("//")) {
                String authority = rest.substring(2);
                int slash = authority.indexOf('/');
                rest = slash >= 0 ? authority.substring(slash) : "";
                authority = slash >= 0 ? authority.substring(0, slash) : authority;
                int at = authority.lastIndexOf('@');
                if (at >= 0) {
                    userinfo = authority.substring(0, at);
                    authority = authority.substring(at + 1);
                }
                host = authority;
            }
            path = unescape(rest);
        }
        Map<String, Object> d = new HashMap<>();
        d.put("scheme", scheme);
        d.put("host", host);
        d.put("hostname", hostname(host));
        d.put("path", path);
        d.put("query", query);
        d.put("opaque", opaque);
        d.put("fragment", fragment);
        d.put("userinfo", userinfo);
        return d;
    }

    private static String hostname(String host) {
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close > 0 ? host.substring(1, close) : host.substring(1);
        }
        int colon = host.lastIndexOf(':');
        return colon >= 0 ? host.substring(0, colon) : host;
    }

    private static String join(Map<String, Object> d) throws FunctionException {
        String scheme = field(d, "scheme");
        String host = field(d, "host");
        String path = field(d, "path");
        String query = field(d, "query");
        String opaque = field(d, "opaque");
        String fragment = field(d, "fragment");
        String userinfo = field(d, "userinfo");
        StringBuilder sb = new StringBuilder();
        if (!scheme.isEmpty()) {
            sb.append(scheme).append(':');
        }
        if (!opaque.isEmpty()) {
            sb.append(opaque);
        } else {
            if (!scheme.isEmpty() || !host.isEmpty() || !userinfo.isEmpty()) {
                if (!host.isEmpty() || !path.isEmpty() || !userinfo.isEmpty()) {
                    sb.append("//");
                }
                if (!userinfo.isEmpty()) {
                    sb.append(userinfo).append('@');
                }
                sb.append(host);
            }
            String escaped = escape(path, "$&+,/:;=@");
            if (!escaped.isEmpty() && escaped.charAt(0) != '/' && !host.isEmpty()) {
                sb.append('/');
            }
            sb.append(escaped);
        }
        if (!query.isEmpty()) {
            sb.append('?').append(query);
        }
        if (!fragment.isEmpty()) {
            sb.append('#').append(escape(fragment, "$&+,/:;=@!()*?"));
        }
        return sb.toString();
    }

    /** sprig reads each part with a type assertion to string; a missing part is "". */
    private static String field(Map<String, Object> d, String key) throws FunctionException {
        Object v = d == null ? null : d.getOrDefault(key, "");
        if (!GoValues.isString(v)) {
            throw new FunctionException("interface conversion: interface {} is " + GoValues.typeName(v)
                    + ", not string");
        }
        return GoValues.str(v);
    }

    private static String escape(String s, String allowed) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-_.~".indexOf(c) >= 0
                    || allowed.indexOf(c) >= 0) {
                sb.append((char) c);
            } else {
                sb.append('%').append(String.format("%02X", c));
            }
        }
        return sb.toString();
    }

    private static String unescape(String s) throws FunctionException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length() + 0 && i + 2 > s.length() - 1 + 1) {
                    throw new FunctionException("unable to parse url: invalid URL escape");
                }
                try {
                    out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                } catch (RuntimeException e) {
                    throw new FunctionException("unable to parse url: invalid URL escape");
                }
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
