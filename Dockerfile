# One image recipe for every service of the stack: docker build --build-arg MODULE=executor .
# Build stage: the repository's own Maven wrapper on a JDK 21.
FROM eclipse-temurin:21-jdk AS build
ARG MODULE
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
COPY trace-context/ trace-context/
COPY server-common/ server-common/
COPY core-bridge/ core-bridge/
COPY executor/ executor/
COPY stubs-bucket/ stubs-bucket/
COPY stubs-karma/ stubs-karma/
COPY stubs-core/ stubs-core/
COPY prana/ prana/
COPY console/ console/
COPY stack-cli/pom.xml stack-cli/pom.xml
COPY e2e-tests/pom.xml e2e-tests/pom.xml
RUN test -n "$MODULE" && ./mvnw -B -q -DskipTests -pl "$MODULE" -am package

# Run stage: the service jar and its libraries on a JRE 21, run as bin/lib/jvm.sh runs it: HEAP
# bounds the heap (measured: docs/benchmarks.md; Bucket keeps its records in memory and gets
# more, see docker-compose.yml), the serial collector, two malloc arenas.
FROM eclipse-temurin:21-jre
ARG MODULE
ARG HEAP=256m
ENV JAVA_TOOL_OPTIONS="-Xmx${HEAP} -XX:+UseSerialGC" MALLOC_ARENA_MAX=2
WORKDIR /app
COPY --from=build /src/${MODULE}/target/${MODULE}.jar /app/service.jar
COPY --from=build /src/${MODULE}/target/libs/ /app/libs/
RUN useradd --system --home /app bhiv && mkdir -p /app/logs /app/data && chown -R bhiv /app
USER bhiv
ENTRYPOINT ["java", "-jar", "/app/service.jar"]
