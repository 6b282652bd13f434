package org.voxbox;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.type.filter.AnnotationTypeFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every test that starts the application (and so stores) carries a tag that the build's PostgreSQL run takes
 * ({@code api}, {@code sip} or {@code postgresql}, see server/pom.xml): none can quietly run on SQLite alone, as
 * the SIP tests once did while PostgreSQL lost every message.
 */
class StoringTestsAreTaggedTest {

	private static final Set<String> RUN_ON_POSTGRESQL = Set.of("api", "sip", "postgresql");

	@Test
	void everySpringBootTestRunsOnPostgresqlToo() throws ClassNotFoundException {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AnnotationTypeFilter(SpringBootTest.class, true, false));
		List<String> untagged = new java.util.ArrayList<>();
		int found = 0;
		for (var candidate : scanner.findCandidateComponents("org.voxbox")) {
			Class<?> type = Class.forName(candidate.getBeanClassName());
			found++;
			boolean taken = MergedAnnotations.from(type, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
				.stream(Tag.class)
				.anyMatch(tag -> RUN_ON_POSTGRESQL.contains(tag.getString("value")));
			if (!taken) {
				untagged.add(type.getName());
			}
		}
		assertThat(found).as("Spring Boot test classes found").isGreaterThan(10);
		assertThat(untagged).as("Spring Boot tests the PostgreSQL run would skip").isEmpty();
	}
}
