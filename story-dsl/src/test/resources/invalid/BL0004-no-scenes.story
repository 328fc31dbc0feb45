// expect: BL0004 1:1
// A header, variables, but not a single scene.
title: Nothing happens
author: Nobody
var unused = 1
