#include <fmt/format.h>
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "models/broker/router.hpp"

namespace buslab::broker {
namespace {

::testing::AssertionResult is_ok(const Status& status) {
  if (status.ok()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << status.describe();
}
::testing::AssertionResult has_code(const Status& status, StatusCode code) {
  if (status.code() == code) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "expected " << to_string(code) << ", got " << status.describe();
}
#define EXPECT_OK(expr) EXPECT_TRUE(is_ok(expr)) << #expr
#define EXPECT_CODE(expr, code) EXPECT_TRUE(has_code((expr), StatusCode::code)) << #expr

using Names = std::vector<std::string>;

class RouterTest : public ::testing::Test {
 protected:
  QueueId queue(const std::string& name) { return router.declare_queue(name).value(); }
  void exchange(const std::string& name, ExchangeType type, ExchangeOptions options = {}) {
    EXPECT_OK(router.declare_exchange(name, type, options));
  }
  // Routes and returns the destination queue names in output order; checks the outcome agrees.
  Names route(const std::string& exchange, const std::string& key, const Headers& headers = {}) {
    std::vector<QueueId> out{999, 998};  // stale content must be cleared
    const RouteOutcome outcome = router.route(exchange, key, headers, out);
    Names names;
    for (QueueId id : out) names.push_back(router.queue_name(id).value_or("<dead queue>"));
    EXPECT_EQ(outcome, names.empty() ? RouteOutcome::Unroutable : RouteOutcome::Routed)
        << "publish to '" << exchange << "' with key '" << key << "'";
    return names;
  }
  std::size_t bindings_of(const std::string& exchange) { return router.exchange_info(exchange).value().binding_count; }

  Router router;
};

// --- direct ---------------------------------------------------------------------------------------------

TEST_F(RouterTest, DirectMatchesTheExactKeyAndCopiesToEveryQueueBoundWithIt) {
  exchange("logs", ExchangeType::Direct);
  const QueueId errors = queue("errors"), all = queue("all");
  EXPECT_OK(router.bind_queue("logs", errors, "error"));
  EXPECT_OK(router.bind_queue("logs", all, "error"));
  EXPECT_OK(router.bind_queue("logs", all, "info"));
  EXPECT_EQ(route("logs", "error"), (Names{"errors", "all"}));
  EXPECT_EQ(route("logs", "info"), (Names{"all"}));
  EXPECT_EQ(route("logs", "Error"), Names{}) << "keys are case-sensitive";
  EXPECT_EQ(route("logs", "error.x"), Names{}) << "direct exchanges do not split words";
  EXPECT_EQ(route("logs", ""), Names{});
}

TEST_F(RouterTest, DirectTreatsWildcardCharactersLiterally) {
  exchange("d", ExchangeType::Direct);
  EXPECT_OK(router.bind_queue("d", queue("q"), "#"));
  EXPECT_EQ(route("d", "anything"), Names{});
  EXPECT_EQ(route("d", "#"), (Names{"q"}));
}

// --- topic ----------------------------------------------------------------------------------------------

// The binding table and the expected deliveries of RabbitMQ tutorial five.
TEST_F(RouterTest, TopicFollowsTutorialFive) {
  exchange("topic_logs", ExchangeType::Topic);
  const QueueId q1 = queue("Q1"), q2 = queue("Q2");
  EXPECT_OK(router.bind_queue("topic_logs", q1, "*.orange.*"));
  EXPECT_OK(router.bind_queue("topic_logs", q2, "*.*.rabbit"));
  EXPECT_OK(router.bind_queue("topic_logs", q2, "lazy.#"));
  EXPECT_EQ(route("topic_logs", "quick.orange.rabbit"), (Names{"Q1", "Q2"}));
  EXPECT_EQ(route("topic_logs", "lazy.orange.elephant"), (Names{"Q1", "Q2"}));
  EXPECT_EQ(route("topic_logs", "quick.orange.fox"), (Names{"Q1"}));
  EXPECT_EQ(route("topic_logs", "lazy.brown.fox"), (Names{"Q2"}));
  EXPECT_EQ(route("topic_logs", "lazy.pink.rabbit"), (Names{"Q2"})) << "two bindings match, one delivery";
  EXPECT_EQ(route("topic_logs", "quick.brown.fox"), Names{});
  EXPECT_EQ(route("topic_logs", "orange"), Names{});
  EXPECT_EQ(route("topic_logs", "quick.orange.male.rabbit"), Names{});
  EXPECT_EQ(route("topic_logs", "lazy.orange.male.rabbit"), (Names{"Q2"}));
}

TEST_F(RouterTest, TopicMixesLiteralAndWildcardBindings) {
  exchange("nova", ExchangeType::Topic);
  EXPECT_OK(router.bind_queue("nova", queue("compute"), "compute"));
  EXPECT_OK(router.bind_queue("nova", queue("compute.host1"), "compute.host1"));
  EXPECT_OK(router.bind_queue("nova", queue("every-compute-host"), "compute.*"));
  EXPECT_OK(router.bind_queue("nova", queue("audit"), "#"));
  EXPECT_EQ(route("nova", "compute"), (Names{"compute", "audit"}));
  EXPECT_EQ(route("nova", "compute.host1"), (Names{"compute.host1", "every-compute-host", "audit"}));
  EXPECT_EQ(route("nova", "compute.host2"), (Names{"every-compute-host", "audit"}));
  EXPECT_EQ(route("nova", ""), (Names{"audit"})) << "# matches the empty routing key";
}

// --- fanout ---------------------------------------------------------------------------------------------

TEST_F(RouterTest, FanoutIgnoresTheRoutingKey) {
  exchange("compute_fanout", ExchangeType::Fanout);
  EXPECT_OK(router.bind_queue("compute_fanout", queue("a"), "compute"));
  EXPECT_OK(router.bind_queue("compute_fanout", queue("b"), "something-else"));
  EXPECT_EQ(route("compute_fanout", "whatever"), (Names{"a", "b"}));
  EXPECT_EQ(route("compute_fanout", ""), (Names{"a", "b"}));
  exchange("empty_fanout", ExchangeType::Fanout);
  EXPECT_EQ(route("empty_fanout", "x"), Names{});
}

// --- headers --------------------------------------------------------------------------------------------

struct HeadersCase {
  Headers binding;
  Headers message;
  bool delivered;
  const char* why;
};

// Sources: https://www.rabbitmq.com/tutorials/amqp-concepts#exchange-headers and rabbit_exchange_type_headers.erl.
TEST_F(RouterTest, HeadersMatchAllAnyAndWithX) {
  const HeadersCase cases[] = {
      {{{"format", "pdf"}, {"type", "report"}}, {{"format", "pdf"}, {"type", "report"}}, true, "all by default"},
      {{{"format", "pdf"}, {"type", "report"}}, {{"format", "pdf"}}, false, "all: a missing header fails"},
      {{{"format", "pdf"}, {"type", "report"}}, {{"format", "pdf"}, {"type", "log"}}, false, "all: unequal value"},
      {{{"x-match", "all"}, {"format", "pdf"}}, {{"format", "pdf"}, {"extra", "1"}}, true, "all: extras are fine"},
      {{{"x-match", "any"}, {"format", "pdf"}, {"type", "report"}}, {{"type", "report"}}, true, "any: one equal"},
      {{{"x-match", "any"}, {"format", "pdf"}}, {{"format", "zip"}}, false, "any: present but unequal"},
      {{{"x-match", "any"}, {"format", "pdf"}}, {}, false, "any: no headers"},
      {{{"x-match", "all"}}, {}, true, "all with no argument matches every message"},
      {{}, {{"a", "1"}}, true, "no arguments at all: x-match defaults to all, vacuously true"},
      {{{"x-match", "any"}}, {{"a", "1"}}, false, "any with no argument never matches"},
      {{{"x-match", "all"}, {"x-tenant", "t1"}}, {}, true, "all ignores x- arguments"},
      {{{"x-match", "any"}, {"x-tenant", "t1"}}, {{"x-tenant", "t1"}}, false, "any ignores x- arguments"},
      {{{"x-match", "all-with-x"}, {"x-tenant", "t1"}}, {{"x-tenant", "t1"}}, true, "all-with-x compares x-"},
      {{{"x-match", "all-with-x"}, {"x-tenant", "t1"}}, {}, false, "all-with-x requires x- headers"},
      {{{"x-match", "any-with-x"}, {"x-tenant", "t1"}, {"a", "1"}}, {{"x-tenant", "t1"}}, true, "any-with-x"},
      {{{"x-match", "any-with-x"}, {"x-tenant", "t1"}}, {{"x-tenant", "t2"}}, false, "any-with-x unequal"},
      {{{"a", "1"}}, {{"a", "1"}, {"a", "2"}}, true, "a repeated message header: the first counts"},
  };
  int n = 0;
  for (const HeadersCase& c : cases) {
    Router r;
    // Not "h" + std::to_string(n): g++ 12 warns falsely (-Wrestrict, GCC bug 105329) at -O2 in C++20.
    const std::string name = fmt::format("h{}", n++);
    ASSERT_TRUE(r.declare_exchange("hx", ExchangeType::Headers).ok());
    const QueueId q = r.declare_queue(name).value();
    ASSERT_TRUE(r.bind_queue("hx", q, "ignored-key", c.binding).ok()) << c.why;
    std::vector<QueueId> out;
    const RouteOutcome outcome = r.route("hx", "any-routing-key", c.message, out);
    EXPECT_EQ(outcome == RouteOutcome::Routed, c.delivered) << c.why;
    EXPECT_EQ(out.size(), c.delivered ? 1u : 0u) << c.why;
  }
}

TEST_F(RouterTest, HeadersRejectsAnUnknownXMatch) {
  exchange("hx", ExchangeType::Headers);
  EXPECT_CODE(router.bind_queue("hx", queue("q"), "", {{"x-match", "some"}}), PreconditionFailed);
  EXPECT_EQ(bindings_of("hx"), 0u);
  // Other exchange types do not interpret arguments.
  exchange("d", ExchangeType::Direct);
  EXPECT_OK(router.bind_queue("d", queue("q2"), "k", {{"x-match", "some"}}));
}

TEST_F(RouterTest, BindingArgumentsAreATable) {
  exchange("hx", ExchangeType::Headers);
  const QueueId q = queue("q");
  EXPECT_OK(router.bind_queue("hx", q, "", {{"a", "1"}, {"b", "2"}}));
  EXPECT_OK(router.bind_queue("hx", q, "", {{"b", "2"}, {"a", "1"}}));
  EXPECT_EQ(bindings_of("hx"), 1u) << "same arguments in another order are the same binding";
  EXPECT_OK(router.unbind_queue("hx", q, "", {{"b", "2"}, {"a", "1"}}));
  EXPECT_EQ(bindings_of("hx"), 0u);
}

// --- default exchange -----------------------------------------------------------------------------------

TEST_F(RouterTest, DefaultExchangeReachesEveryQueueByName) {
  queue("reply_abc");
  queue("compute");
  EXPECT_EQ(route("", "reply_abc"), (Names{"reply_abc"}));
  EXPECT_EQ(route("", "compute"), (Names{"compute"}));
  EXPECT_EQ(route("", "nobody"), Names{});
  EXPECT_EQ(route("", ""), Names{});
}

TEST_F(RouterTest, DefaultExchangeRefusesExplicitBindingsAndDeclarations) {
  const QueueId q = queue("q");
  exchange("x", ExchangeType::Direct);
  EXPECT_CODE(router.bind_queue("", q, "other"), AccessRefused);
  EXPECT_CODE(router.unbind_queue("", q, "q"), AccessRefused);
  EXPECT_CODE(router.bind_exchange("", "x", "k"), AccessRefused);
  EXPECT_CODE(router.bind_exchange("x", "", "k"), AccessRefused);
  EXPECT_CODE(router.unbind_exchange("x", "", "k"), AccessRefused);
  EXPECT_CODE(router.declare_exchange("", ExchangeType::Direct), AccessRefused);
  EXPECT_CODE(router.delete_exchange(""), AccessRefused);
  EXPECT_EQ(route("", "other"), Names{}) << "the refused binding must not exist";
  EXPECT_EQ(route("", "q"), (Names{"q"}));
}

// --- declarations and errors ----------------------------------------------------------------------------

TEST_F(RouterTest, PublishingToAMissingExchangeIsNotADrop) {
  std::vector<QueueId> out{1, 2, 3};
  EXPECT_EQ(router.route("nova", "compute", {}, out), RouteOutcome::NoSuchExchange);
  EXPECT_TRUE(out.empty());
  exchange("nova", ExchangeType::Topic);
  EXPECT_EQ(router.route("nova", "compute", {}, out), RouteOutcome::Unroutable);
}

TEST_F(RouterTest, RedeclaringAnExchange) {
  exchange("nova", ExchangeType::Topic, {true, false, "ae"});
  EXPECT_OK(router.declare_exchange("nova", ExchangeType::Topic, {true, false, "ae"}));
  EXPECT_CODE(router.declare_exchange("nova", ExchangeType::Direct, {true, false, "ae"}), PreconditionFailed);
  EXPECT_CODE(router.declare_exchange("nova", ExchangeType::Topic, {false, false, "ae"}), PreconditionFailed);
  EXPECT_CODE(router.declare_exchange("nova", ExchangeType::Topic, {true, true, "ae"}), PreconditionFailed);
  EXPECT_CODE(router.declare_exchange("nova", ExchangeType::Topic, {true, false, ""}), PreconditionFailed);
  const ExchangeInfo info = router.exchange_info("nova").value();
  EXPECT_EQ(info.type, ExchangeType::Topic);
  EXPECT_TRUE(info.options.durable);
  EXPECT_EQ(info.options.alternate_exchange, "ae");
}

TEST_F(RouterTest, AmqPrefixIsReservedButStandardExchangesExist) {
  EXPECT_CODE(router.declare_exchange("amq.mine", ExchangeType::Direct), AccessRefused);
  EXPECT_OK(router.declare_exchange("amq.topic", ExchangeType::Topic, {true, false, ""}));
  EXPECT_CODE(router.declare_exchange("amq.topic", ExchangeType::Topic), PreconditionFailed) << "amq.* are durable";
  EXPECT_CODE(router.delete_exchange("amq.direct"), AccessRefused);
  EXPECT_OK(router.bind_queue("amq.fanout", queue("q"), ""));
  EXPECT_EQ(route("amq.fanout", "x"), (Names{"q"}));
  EXPECT_EQ(router.exchange_info("amq.match").value().type, ExchangeType::Headers);
}

TEST_F(RouterTest, BindingToMissingThingsIsNotFound) {
  exchange("x", ExchangeType::Direct);
  const QueueId q = queue("q");
  EXPECT_CODE(router.bind_queue("missing", q, "k"), NotFound);
  EXPECT_CODE(router.bind_queue("x", q + 100, "k"), NotFound);
  EXPECT_CODE(router.bind_exchange("x", "missing", "k"), NotFound);
  EXPECT_CODE(router.bind_exchange("missing", "x", "k"), NotFound);
  EXPECT_CODE(router.unbind_queue("missing", q, "k"), NotFound);
  EXPECT_OK(router.delete_queue(q));
  EXPECT_CODE(router.bind_queue("x", q, "k"), NotFound) << "a deleted queue's id stays dead";
  EXPECT_CODE(router.delete_queue(q), NotFound);
  EXPECT_CODE(router.delete_exchange("missing"), NotFound);
}

TEST_F(RouterTest, BindIsIdempotentAndUnbindOfAnAbsentBindingSucceeds) {
  exchange("x", ExchangeType::Direct);
  const QueueId q = queue("q");
  EXPECT_OK(router.bind_queue("x", q, "k"));
  EXPECT_OK(router.bind_queue("x", q, "k"));
  EXPECT_EQ(bindings_of("x"), 1u);
  EXPECT_OK(router.unbind_queue("x", q, "k"));
  EXPECT_EQ(route("x", "k"), Names{}) << "one unbind removes the (single) binding";
  EXPECT_OK(router.unbind_queue("x", q, "k"));
  EXPECT_OK(router.unbind_queue("x", q, "never-bound"));
}

TEST_F(RouterTest, QueueDeclarationIsIdempotentAndServerNamesAreUnique) {
  const QueueId a = queue("a");
  EXPECT_EQ(queue("a"), a);
  EXPECT_EQ(router.find_queue("a"), a);
  const QueueId g1 = queue(""), g2 = queue("");
  EXPECT_NE(g1, g2);
  EXPECT_EQ(router.queue_name(g1), "amq.gen-1");
  EXPECT_EQ(router.queue_name(g2), "amq.gen-2");
  EXPECT_EQ(queue("amq.gen-1"), g1) << "a server-named queue can be redeclared by name";
  EXPECT_CODE(router.declare_queue("amq.mine").status(), AccessRefused);
  EXPECT_THROW((void)router.declare_queue("amq.mine").value(), std::logic_error) << "no bogus id on error";
}

// --- set semantics and order ----------------------------------------------------------------------------

TEST_F(RouterTest, SeveralMatchingBindingsDeliverOneCopy) {
  exchange("t", ExchangeType::Topic);
  const QueueId q = queue("q");
  EXPECT_OK(router.bind_queue("t", q, "a.b"));
  EXPECT_OK(router.bind_queue("t", q, "a.*"));
  EXPECT_OK(router.bind_queue("t", q, "#"));
  EXPECT_OK(router.bind_queue("t", q, "a.b", {{"same", "key, other args: another binding"}}));
  EXPECT_EQ(bindings_of("t"), 4u);
  EXPECT_EQ(route("t", "a.b"), (Names{"q"}));
}

TEST_F(RouterTest, OutputIsInQueueDeclarationOrder) {
  exchange("f", ExchangeType::Fanout);
  const std::vector<std::string> declared = {"zeta", "alpha", "mu", "beta"};
  std::vector<QueueId> ids;
  for (const auto& name : declared) ids.push_back(queue(name));
  for (auto it = ids.rbegin(); it != ids.rend(); ++it) EXPECT_OK(router.bind_queue("f", *it, ""));
  EXPECT_EQ(route("f", ""), declared) << "neither binding order nor name order";
  // Same operations on another router: same ids, same result.
  Router other;
  ASSERT_TRUE(other.declare_exchange("f", ExchangeType::Fanout).ok());
  for (const auto& name : declared) ASSERT_TRUE(other.bind_queue("f", other.declare_queue(name).value(), "").ok());
  std::vector<QueueId> mine, theirs;
  (void)router.route("f", "", {}, mine);
  (void)other.route("f", "", {}, theirs);
  EXPECT_EQ(mine, theirs);
}

// --- exchange-to-exchange bindings ----------------------------------------------------------------------

TEST_F(RouterTest, ExchangeToExchangeBindingsRouteTransitivelyWithTheDestinationsType) {
  exchange("front", ExchangeType::Topic);
  exchange("middle", ExchangeType::Direct);
  exchange("back", ExchangeType::Fanout);
  EXPECT_OK(router.bind_exchange("front", "middle", "orders.*"));
  EXPECT_OK(router.bind_exchange("middle", "back", "orders.eu"));
  EXPECT_OK(router.bind_queue("front", queue("front-q"), "orders.#"));
  EXPECT_OK(router.bind_queue("middle", queue("middle-q"), "orders.us"));
  EXPECT_OK(router.bind_queue("back", queue("back-q"), "ignored"));
  EXPECT_EQ(route("front", "orders.eu"), (Names{"front-q", "back-q"}));
  EXPECT_EQ(route("front", "orders.us"), (Names{"front-q", "middle-q"}));
  EXPECT_EQ(route("front", "orders.us.x"), (Names{"front-q"})) << "orders.* does not match three words";
  EXPECT_EQ(route("middle", "orders.eu"), (Names{"back-q"}));
}

TEST_F(RouterTest, ExchangeToExchangeDiamondDeliversOnce) {
  for (const char* name : {"a", "b", "c", "d"}) exchange(name, ExchangeType::Fanout);
  const QueueId shared = queue("shared");
  EXPECT_OK(router.bind_exchange("a", "b", ""));
  EXPECT_OK(router.bind_exchange("a", "c", ""));
  EXPECT_OK(router.bind_exchange("b", "d", ""));
  EXPECT_OK(router.bind_exchange("c", "d", ""));
  EXPECT_OK(router.bind_queue("d", shared, ""));
  EXPECT_OK(router.bind_queue("a", shared, ""));
  EXPECT_EQ(route("a", "k"), (Names{"shared"}));
}

TEST_F(RouterTest, ExchangeToExchangeCycleTerminates) {
  exchange("a", ExchangeType::Fanout);
  exchange("b", ExchangeType::Fanout);
  EXPECT_OK(router.bind_exchange("a", "b", ""));
  EXPECT_OK(router.bind_exchange("b", "a", ""));
  EXPECT_OK(router.bind_exchange("a", "a", ""));
  EXPECT_EQ(route("a", "k"), Names{}) << "a cycle reaching no queue is unroutable";
  EXPECT_OK(router.bind_queue("a", queue("qa"), ""));
  EXPECT_OK(router.bind_queue("b", queue("qb"), ""));
  EXPECT_EQ(route("a", "k"), (Names{"qa", "qb"}));
  EXPECT_EQ(route("b", "k"), (Names{"qa", "qb"}));
}

TEST_F(RouterTest, DeletingAnExchangeRemovesBindingsFromAndToIt) {
  exchange("a", ExchangeType::Fanout);
  exchange("b", ExchangeType::Fanout);
  exchange("c", ExchangeType::Fanout);
  EXPECT_OK(router.bind_exchange("a", "b", ""));
  EXPECT_OK(router.bind_exchange("b", "c", ""));
  EXPECT_OK(router.bind_queue("c", queue("q"), ""));
  EXPECT_EQ(route("a", ""), (Names{"q"}));
  EXPECT_OK(router.delete_exchange("b"));
  EXPECT_EQ(bindings_of("a"), 0u);
  EXPECT_EQ(route("a", ""), Names{});
  exchange("b", ExchangeType::Fanout);
  EXPECT_EQ(bindings_of("b"), 0u) << "a new exchange with the old name starts empty";
  EXPECT_OK(router.bind_exchange("b", "c", ""));
  EXPECT_EQ(route("b", ""), (Names{"q"}));
}

// --- alternate exchanges --------------------------------------------------------------------------------

// The example of https://www.rabbitmq.com/docs/ae.
TEST_F(RouterTest, AlternateExchangeReceivesWhatCannotBeRouted) {
  exchange("my-direct", ExchangeType::Direct, {false, false, "my-ae"});
  exchange("my-ae", ExchangeType::Fanout);
  EXPECT_OK(router.bind_queue("my-direct", queue("routed"), "key1"));
  EXPECT_OK(router.bind_queue("my-ae", queue("unrouted"), ""));
  EXPECT_EQ(route("my-direct", "key1"), (Names{"routed"}));
  EXPECT_EQ(route("my-direct", "key2"), (Names{"unrouted"})) << "counts as routed";
}

TEST_F(RouterTest, AlternateExchangesChainAndCyclesTerminate) {
  exchange("x", ExchangeType::Direct, {false, false, "ae1"});
  exchange("ae1", ExchangeType::Direct, {false, false, "ae2"});
  exchange("ae2", ExchangeType::Fanout);
  EXPECT_OK(router.bind_queue("ae1", queue("ae1-q"), "special"));
  EXPECT_OK(router.bind_queue("ae2", queue("last-resort"), ""));
  EXPECT_EQ(route("x", "special"), (Names{"ae1-q"}));
  EXPECT_EQ(route("x", "other"), (Names{"last-resort"}));

  exchange("p", ExchangeType::Direct, {false, false, "q"});
  exchange("q", ExchangeType::Direct, {false, false, "p"});
  exchange("self", ExchangeType::Direct, {false, false, "self"});
  EXPECT_EQ(route("p", "k"), Names{}) << "AE cycle p -> q -> p";
  EXPECT_EQ(route("self", "k"), Names{}) << "an exchange that is its own AE";
  EXPECT_OK(router.bind_queue("q", queue("q-k"), "k"));
  EXPECT_EQ(route("p", "k"), (Names{"q-k"}));
}

TEST_F(RouterTest, MissingAlternateExchangeIsIgnored) {
  exchange("x", ExchangeType::Direct, {false, false, "not-declared"});
  EXPECT_EQ(route("x", "k"), Names{});
  exchange("not-declared", ExchangeType::Fanout);
  EXPECT_OK(router.bind_queue("not-declared", queue("late"), ""));
  EXPECT_EQ(route("x", "k"), (Names{"late"})) << "the AE is resolved by name at publish time";
}

// RabbitMQ consults an exchange's AE only when none of ITS bindings match (rabbit_exchange:route1/4); an
// e2e binding that matches counts, even if the exchange behind it reaches no queue. That exchange's own AE
// then applies.
TEST_F(RouterTest, AlternateExchangeIsPerExchangeAlongExchangeToExchangeBindings) {
  exchange("front", ExchangeType::Direct, {false, false, "front-ae"});
  exchange("back", ExchangeType::Direct);
  exchange("front-ae", ExchangeType::Fanout);
  EXPECT_OK(router.bind_queue("front-ae", queue("front-unrouted"), ""));
  EXPECT_OK(router.bind_exchange("front", "back", "k"));
  EXPECT_EQ(route("front", "k"), Names{}) << "front matched a binding, so its AE is not used";
  EXPECT_EQ(route("front", "z"), (Names{"front-unrouted"}));

  EXPECT_OK(router.delete_exchange("back"));
  exchange("back", ExchangeType::Direct, {false, false, "back-ae"});
  exchange("back-ae", ExchangeType::Fanout);
  EXPECT_OK(router.bind_queue("back-ae", queue("back-unrouted"), ""));
  EXPECT_OK(router.bind_exchange("front", "back", "k"));
  EXPECT_EQ(route("front", "k"), (Names{"back-unrouted"}));
}

// --- auto-delete and queue deletion ---------------------------------------------------------------------

TEST_F(RouterTest, AutoDeleteExchangeGoesWithItsLastBindingOnly) {
  exchange("never-bound", ExchangeType::Fanout, {false, true, ""});
  exchange("fan", ExchangeType::Fanout, {false, true, ""});
  const QueueId a = queue("a"), b = queue("b");
  EXPECT_OK(router.bind_queue("fan", a, ""));
  EXPECT_OK(router.bind_queue("fan", b, ""));
  EXPECT_OK(router.unbind_queue("fan", a, ""));
  EXPECT_TRUE(router.exchange_info("fan").has_value()) << "one binding left";
  EXPECT_OK(router.unbind_queue("fan", a, "")) << "absent binding: no-op";
  EXPECT_TRUE(router.exchange_info("fan").has_value());
  EXPECT_OK(router.unbind_queue("fan", b, ""));
  EXPECT_FALSE(router.exchange_info("fan").has_value());
  std::vector<QueueId> out;
  EXPECT_EQ(router.route("fan", "", {}, out), RouteOutcome::NoSuchExchange);
  EXPECT_TRUE(router.exchange_info("never-bound").has_value()) << "never bound: never auto-deleted";
}

TEST_F(RouterTest, NonAutoDeleteExchangeSurvivesLosingItsBindings) {
  exchange("keep", ExchangeType::Fanout);
  const QueueId q = queue("q");
  EXPECT_OK(router.bind_queue("keep", q, ""));
  EXPECT_OK(router.unbind_queue("keep", q, ""));
  EXPECT_TRUE(router.exchange_info("keep").has_value());
}

TEST_F(RouterTest, DeletingAQueueRemovesItsBindingsEverywhere) {
  exchange("d", ExchangeType::Direct);
  exchange("t", ExchangeType::Topic);
  exchange("f", ExchangeType::Fanout);
  exchange("h", ExchangeType::Headers);
  exchange("oslo_fanout", ExchangeType::Fanout, {false, true, ""});
  const QueueId gone = queue("gone"), stays = queue("stays");
  EXPECT_OK(router.bind_queue("d", gone, "k"));
  EXPECT_OK(router.bind_queue("t", gone, "k"));
  EXPECT_OK(router.bind_queue("t", gone, "#"));
  EXPECT_OK(router.bind_queue("f", gone, ""));
  EXPECT_OK(router.bind_queue("h", gone, ""));
  EXPECT_OK(router.bind_queue("oslo_fanout", gone, ""));
  EXPECT_OK(router.bind_queue("t", stays, "k"));
  EXPECT_OK(router.delete_queue(gone));
  EXPECT_EQ(route("d", "k"), Names{});
  EXPECT_EQ(route("t", "k"), (Names{"stays"}));
  EXPECT_EQ(route("f", ""), Names{});
  EXPECT_EQ(route("h", ""), Names{});
  EXPECT_EQ(route("", "gone"), Names{}) << "the default-exchange binding goes too";
  EXPECT_EQ(bindings_of("t"), 1u);
  EXPECT_FALSE(router.exchange_info("oslo_fanout").has_value()) << "auto-delete exchange lost its last binding";
  EXPECT_FALSE(router.find_queue("gone").has_value());
  EXPECT_FALSE(router.queue_name(gone).has_value());
  const QueueId again = queue("gone");
  EXPECT_NE(again, gone) << "ids are never reused";
  EXPECT_EQ(route("d", "k"), Names{}) << "a redeclared queue does not inherit bindings";
  EXPECT_EQ(route("", "gone"), (Names{"gone"}));
}

TEST_F(RouterTest, AutoDeleteCascadesThroughExchangeToExchangeBindings) {
  exchange("src", ExchangeType::Fanout, {false, true, ""});
  exchange("dst", ExchangeType::Fanout, {false, true, ""});
  const QueueId q = queue("q");
  EXPECT_OK(router.bind_exchange("src", "dst", ""));
  EXPECT_OK(router.bind_queue("dst", q, ""));
  EXPECT_OK(router.delete_queue(q));
  EXPECT_FALSE(router.exchange_info("dst").has_value()) << "dst lost its last binding";
  EXPECT_FALSE(router.exchange_info("src").has_value()) << "deleting dst removed src's last binding";
}

// --- scale ----------------------------------------------------------------------------------------------

// An oslo-like topic exchange: thousands of literal server bindings plus a few wildcard ones.
TEST_F(RouterTest, TenThousandLiteralBindingsAndAFewWildcardsRouteCorrectly) {
  exchange("nova", ExchangeType::Topic);
  constexpr int kHosts = 10000;
  const QueueId compute = queue("compute");
  EXPECT_OK(router.bind_queue("nova", compute, "compute"));
  for (int i = 0; i < kHosts; ++i) {
    const std::string host = "compute.host" + std::to_string(i);
    EXPECT_OK(router.bind_queue("nova", queue(host), host));
  }
  EXPECT_OK(router.bind_queue("nova", queue("monitor"), "compute.*"));
  EXPECT_OK(router.bind_queue("nova", queue("audit"), "#"));
  EXPECT_OK(router.bind_queue("nova", queue("host42-watch"), "*.host42"));
  EXPECT_OK(router.bind_queue("nova", queue("scheduler-all"), "scheduler.#"));
  EXPECT_EQ(bindings_of("nova"), static_cast<std::size_t>(kHosts + 5));

  for (int i = 0; i < kHosts; i += 97) {
    const std::string host = "compute.host" + std::to_string(i);
    EXPECT_EQ(route("nova", host), (Names{host, "monitor", "audit"})) << host;
  }
  EXPECT_EQ(route("nova", "compute.host42"), (Names{"compute.host42", "monitor", "audit", "host42-watch"}));
  EXPECT_EQ(route("nova", "compute"), (Names{"compute", "audit"}));
  EXPECT_EQ(route("nova", "compute.host10000"), (Names{"monitor", "audit"})) << "no such host binding";
  EXPECT_EQ(route("nova", "scheduler"), (Names{"audit", "scheduler-all"}));
  EXPECT_OK(router.delete_queue(router.find_queue("compute.host500").value()));
  EXPECT_EQ(route("nova", "compute.host500"), (Names{"monitor", "audit"}));
  EXPECT_EQ(route("nova", "compute.host501"), (Names{"compute.host501", "monitor", "audit"}));
}

}  // namespace
}  // namespace buslab::broker
