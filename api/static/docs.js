// Starts Swagger UI on /v1/docs with the service's own OpenAPI document (see api/docs.py).
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  window.SwaggerUIBundle({ url: root.getAttribute("data-openapi"), domNode: root, deepLinking: true });
})();
