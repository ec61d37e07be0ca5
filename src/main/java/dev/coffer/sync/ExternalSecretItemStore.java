package dev.coffer.sync;

import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.kube.SlimItemStore;

/** The ExternalSecret informer's cache, without managed fields (a concrete class the annotation can name). */
public class ExternalSecretItemStore extends SlimItemStore<ExternalSecret> {
}
