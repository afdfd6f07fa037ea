package io.topicnmf.api;

// README example start
import io.topicnmf.model.DocumentTopics;
import io.topicnmf.model.FitOptions;
import io.topicnmf.model.TermWeight;
import io.topicnmf.model.TopicModel;
import io.topicnmf.model.TopicModeler;
import java.nio.file.Path;
import java.util.List;

public class ReadmeExample {
  public static void main(String[] args) throws Exception {
    List<String> texts = List.of(
        "The striker scored a late goal and the club won the league match.",
        "Fans cheered as the goalkeeper saved a penalty in the cup match.",
        "The club signed a striker after the goalkeeper was injured in training.",
        "Knead the dough, let the yeast rise, then bake the bread in a hot oven.",
        "Rub butter into the flour, add sugar, and bake the cake until golden.",
        "A sourdough bread needs flour, water, salt and a slow rise before it goes in the oven.");

    FitOptions options = FitOptions.defaults(2)              // the number of topics, set once
        .withNmf(nmf -> nmf.withSeed(7).withThreads(2));    // other NMF settings keep it
    TopicModel model = new TopicModeler(options).fitTexts(texts);
    model.topics().forEach(t -> System.out.println(
        "topic " + t.id() + ": " + t.terms().stream().map(TermWeight::surface).toList()));

    DocumentTopics d = model.transform("The goalkeeper kept a clean sheet in the match.");
    System.out.println("dominant topic " + d.dominantTopic() + ", weights " + d.weights()
        + ", cluster " + d.cluster());

    Path file = Path.of(args.length > 0 ? args[0] : "model.json");
    model.save(file);                                        // what `topicnmf apply --model` reads
    TopicModel again = TopicModel.load(file);
    System.out.println(again.transform(List.of("Bake the bread.", "A striker for the club.")));
  }
}
// README example end
