package dev.es.spring.boot;

import dev.es.annotations.Projector;
import dev.es.annotations.Saga;
import dev.es.runtime.spi.AggregateType;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.RuntimeBeanReference;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Registers the beans of what es-processor generated, without scanning the classpath:
 *
 * <ul>
 *   <li>a {@code <Name>Repository} for every aggregate type listed in the generated
 *       {@code META-INF/services/dev.es.runtime.spi.AggregateType} files (loaded with {@link ServiceLoader});
 *   <li>a {@code <Name>_Projection} wrapping every bean whose class is annotated {@code @Projector};
 *   <li>a {@code <Name>_SagaType} for every bean whose class is annotated {@code @Saga}.
 * </ul>
 *
 * <p>A bean of the generated class that the application declares itself replaces the one registered here.
 */
final class GeneratedBeanRegistrar implements BeanDefinitionRegistryPostProcessor, BeanClassLoaderAware {

  private final boolean repositories;
  private final boolean projectors;
  private final boolean sagas;
  private ClassLoader classLoader = ClassUtils.getDefaultClassLoader();

  GeneratedBeanRegistrar(boolean repositories, boolean projectors, boolean sagas) {
    this.repositories = repositories;
    this.projectors = projectors;
    this.sagas = sagas;
  }

  @Override
  public void setBeanClassLoader(ClassLoader classLoader) {
    this.classLoader = classLoader;
  }

  @Override
  public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
    ConfigurableListableBeanFactory beans = (ConfigurableListableBeanFactory) registry;
    List<Found> found = new ArrayList<>();
    for (String name : registry.getBeanDefinitionNames()) {
      Class<?> type = beans.getType(name, false);
      if (type == null) {
        continue;
      }
      Class<?> user = ClassUtils.getUserClass(type);
      if (projectors && AnnotatedElementUtils.hasAnnotation(user, Projector.class)) {
        found.add(new Found(name, GeneratedNames.projection(user), true));
      } else if (sagas && AnnotatedElementUtils.hasAnnotation(user, Saga.class)) {
        found.add(new Found(name, GeneratedNames.sagaType(user), false));
      }
    }
    for (Found bean : found) {
      Class<?> generated = generatedClass(bean.generated(),
          (bean.projector() ? "@Projector" : "@Saga") + " bean '" + bean.name() + "'");
      if (declared(beans, generated)) {
        continue;
      }
      RootBeanDefinition definition = new RootBeanDefinition(generated);
      if (bean.projector()) {
        definition.getConstructorArgumentValues().addGenericArgumentValue(new RuntimeBeanReference(bean.name()));
      }
      registry.registerBeanDefinition(bean.name() + (bean.projector() ? "Projection" : "SagaType"), definition);
    }
    if (repositories) {
      for (AggregateType<?, ?> type : ServiceLoader.load(AggregateType.class, classLoader)) {
        String repository = GeneratedNames.repository(type.aggregateClass());
        if (!ClassUtils.isPresent(repository, classLoader)) {
          continue; // a hand-written aggregate type has no generated repository
        }
        Class<?> generated = generatedClass(repository, "aggregate type " + type.name());
        if (!declared(beans, generated)) {
          registry.registerBeanDefinition(
              StringUtils.uncapitalize(generated.getSimpleName()), new RootBeanDefinition(generated));
        }
      }
    }
  }

  /** A bean whose class is a {@code @Projector} or a {@code @Saga}, and the generated class that runs it. */
  private record Found(String name, String generated, boolean projector) {}

  private static boolean declared(ConfigurableListableBeanFactory beans, Class<?> type) {
    return beans.getBeanNamesForType(type, true, false).length > 0;
  }

  private Class<?> generatedClass(String name, String of) {
    try {
      return ClassUtils.forName(name, classLoader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalStateException("es: " + of + " has no generated " + name
          + ": was the es annotation processor (es-processor) on the processor path when it was compiled?", e);
    }
  }
}
