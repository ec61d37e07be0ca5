package dev.coffer.inject;

import java.util.List;

/**
 * What a pod asked for with Coffer's own annotations ({@code coffer.dev/inject*}).
 *
 * @param volumePath      where the files appear in every app container, {@code /coffer/secrets} by default
 * @param prePopulateOnly init container only: no sidecar
 * @param files           the files to render, in name order
 */
public record StoreInjectionSpec(String volumePath, boolean prePopulateOnly, List<StoreFile> files) {

    public StoreInjectionSpec {
        files = List.copyOf(files);
    }
}
