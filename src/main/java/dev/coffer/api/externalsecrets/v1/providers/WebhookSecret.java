package dev.coffer.api.externalsecrets.v1.providers;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.coffer.api.meta.v1.SecretKeySelector;
import io.fabric8.generator.annotation.Required;

/** A Secret offered to a webhook's templates as {@code .<name>.<key>}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WebhookSecret {

    /** The name the templates know it by. */
    @Required
    public String name;

    /** The Secret; every key of it is offered (the key field is not used, as upstream). */
    @Required
    public SecretKeySelector secretRef;
}
