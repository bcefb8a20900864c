FROM gradle:8.7-jdk17 AS build
COPY --chown=gradle:gradle . /home/gradle/project
WORKDIR /home/gradle/project
RUN gradle bootJar --no-daemon

FROM amazoncorretto:17-alpine
ARG JAR_FILE=/home/gradle/project/build/libs/*.jar
COPY --from=build ${JAR_FILE} /app.jar
VOLUME /tmp
ENTRYPOINT ["java", "-jar", "/app.jar"]
