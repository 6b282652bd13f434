package org.voxbox;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

/** Each top-level package is a module; none may reach into another's internals or form a cycle. */
class ModularityTest {

	private final ApplicationModules modules = ApplicationModules.of(VoxboxApplication.class);

	@Test
	void modulesKeepTheirBoundaries() {
		modules.verify();
	}

	@Test
	void writesModuleDocumentationDiagrams() throws Exception {
		new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
		Path all = Path.of("target/spring-modulith-docs/components.puml");
		assertThat(Files.readString(all)).contains("\"Pin\"", "\"Directory\"", "\"Mailbox\"", "\"Audit\"", "\"Web\"");
	}
}
