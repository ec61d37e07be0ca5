package dev.coffer.api.externalsecrets.v1;

import io.fabric8.generator.annotation.Size;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;
import java.util.List;

/** Times when syncs are allowed or denied. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SyncWindows {

    @Required
    public SyncWindowKind kind;

    @Required
    @Size(min = 1)
    public List<SyncWindow> windows;
}
