package io.mintp2p.it;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Runs the Docker suite where an engine answers. Without one it is skipped with a message on a
 * developer's machine, and fails on CI (CI=true), where .ci/run must have started an engine.
 */
public final class RequiresDocker implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (DockerClientFactory.instance().isDockerAvailable()) {
            return ConditionEvaluationResult.enabled("a Docker engine answers");
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true but no Docker engine answers: .ci/run should have started one");
        }
        return ConditionEvaluationResult.disabled("no Docker engine answers: the multi-container suite is skipped "
                + "(start one, e.g. bash .ci/docker-up.sh, to run it)");
    }
}
