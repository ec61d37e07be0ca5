package dev.coffer.api.externalsecrets.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A cron schedule and how long the window lasts. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SyncWindow {

    @Required
    @Pattern("^(@(annually|yearly|monthly|weekly|daily|midnight|hourly)|@every [^\\s]+.*|[^\\s]+( [^\\s]+){4})$")
    @Size(min = 1)
    public String schedule;

    @Required
    public String duration;
}
