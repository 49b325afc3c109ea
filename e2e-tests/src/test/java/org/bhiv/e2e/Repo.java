package org.bhiv.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the repository's files are, for tests that read or start what the repository ships.
 */
final class Repo {

    private Repo() {
    }

    /** @return the repository root (surefire passes it as {@code bhiv.repo.root}) */
    static Path root() {
        Path root = Path.of(System.getProperty("bhiv.repo.root", "..")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("pom.xml")) || !Files.isDirectory(root.resolve("executor"))) {
            throw new IllegalStateException("Not the repository root: " + root);
        }
        return root;
    }

    /**
     * @param module a module directory name, e.g. {@code stubs-bucket}
     * @return that module's {@code application.yaml}
     */
    static Path applicationYaml(String module) {
        return root().resolve(module).resolve("src/main/resources/application.yaml");
    }
}
