# The memreplay replay worker image (docker-compose.yml). Stage 1 builds the command-line tool with the
# Maven wrapper (Maven Central only); stage 2 is a JRE with the jar and its libraries, nothing else.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -ntp -DskipTests -pl cli -am package

FROM eclipse-temurin:17-jre
COPY --from=build /src/cli/target/memreplay-cli.jar /opt/memreplay/memreplay-cli.jar
COPY --from=build /src/cli/target/lib/ /opt/memreplay/lib/
# the JVM options of every command, as ./memreplay passes them (their reasons are in the file)
COPY cli/jvm.options /opt/memreplay/jvm.options
RUN printf '#!/bin/sh\nexec java $(grep -v -e "^#" -e "^$" /opt/memreplay/jvm.options) $MEMREPLAY_JAVA_OPTS --enable-native-access=ALL-UNNAMED -jar /opt/memreplay/memreplay-cli.jar "$@"\n' \
      > /usr/local/bin/memreplay && chmod +x /usr/local/bin/memreplay
WORKDIR /data
ENTRYPOINT ["memreplay"]
