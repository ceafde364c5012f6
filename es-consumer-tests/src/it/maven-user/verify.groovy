evaluate(new File(classpathCheck))
