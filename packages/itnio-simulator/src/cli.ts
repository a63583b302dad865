console.log("simulator");
