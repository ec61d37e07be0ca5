package dev.coffer.api.externalsecrets.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import java.util.List;

/** Merges JSON values into one key or into the top level. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RewriteMerge {

    // The JSON text of an empty string: a bare "" would give the CRD "default: null".
    @Default("\"\"")
    public String into;

    public List<String> priority;

    @Default("Strict")
    public MergePriorityPolicy priorityPolicy;

    @Default("Error")
    public MergeConflictPolicy conflictPolicy;

    @Default("Extract")
    public MergeStrategy strategy;
}
